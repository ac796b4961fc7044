package query

import (
	"cmp"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// interactionID is what makes two interaction records the same fact, so
// that one found both by topic and by evidence text is counted once. A
// struct, not a joined string: a map hashes its fields where they are,
// while joining them allocated a copy of every sentence compared.
type interactionID struct {
	cable, a, b, kind, status, evidence string
	paragraph                           int
}

func identity(in graph.Interaction) interactionID {
	return interactionID{cable: in.Cable, a: in.A, b: in.B, kind: in.Kind, status: in.Status, evidence: in.Evidence, paragraph: in.Paragraph}
}

// lessTime orders dates ascending with missing dates last.
func lessTime(a, b *time.Time) (less, equal bool) {
	switch {
	case a == nil && b == nil:
		return false, true
	case a == nil:
		return false, false
	case b == nil:
		return true, false
	case a.Equal(*b):
		return false, true
	default:
		return a.Before(*b), false
	}
}

// sortInteractions orders by date, cable, paragraph, a, b, kind, evidence:
// the Reader's order, extended so that merged lists stay deterministic.
func sortInteractions(ins []graph.Interaction) {
	slices.SortStableFunc(ins, compareInteractions)
}

// mergeInteractions is sortInteractions(append(sorted, more...)) for a
// sorted list and a short one: more is sorted alone and merged in, ties
// taken from sorted first, as the stable sort keeps them.
func mergeInteractions(sorted, more []graph.Interaction) []graph.Interaction {
	sortInteractions(more)
	out := make([]graph.Interaction, 0, len(sorted)+len(more))
	i, j := 0, 0
	for i < len(sorted) && j < len(more) {
		if compareInteractions(more[j], sorted[i]) < 0 {
			out = append(out, more[j])
			j++
		} else {
			out = append(out, sorted[i])
			i++
		}
	}
	out = append(out, sorted[i:]...)
	return append(out, more[j:]...)
}

// compareInteractions is the order of sortInteractions.
func compareInteractions(x, y graph.Interaction) int {
	if l, eq := lessTime(x.Date, y.Date); !eq {
		if l {
			return -1
		}
		return 1
	}
	return cmp.Or(
		strings.Compare(x.Cable, y.Cable),
		cmp.Compare(x.Paragraph, y.Paragraph),
		strings.Compare(x.A, y.A),
		strings.Compare(x.B, y.B),
		strings.Compare(x.Kind, y.Kind),
		strings.Compare(x.Evidence, y.Evidence),
	)
}

func evidenceOf(in graph.Interaction) graph.Evidence {
	return graph.Evidence{Cable: in.Cable, Paragraph: in.Paragraph, Sentence: in.Evidence, Kind: in.Kind, Date: in.Date}
}

func minDate(cur, d *time.Time) *time.Time {
	if d == nil {
		return cur
	}
	if cur == nil || d.Before(*cur) {
		t := *d
		return &t
	}
	return cur
}

func maxDate(cur, d *time.Time) *time.Time {
	if d == nil {
		return cur
	}
	if cur == nil || d.After(*cur) {
		t := *d
		return &t
	}
	return cur
}
