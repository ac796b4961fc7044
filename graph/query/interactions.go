package query

import (
	"slices"
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
func compareInteractions(x, y graph.Interaction) int { return graph.CompareInteractions(&x, &y) }

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
