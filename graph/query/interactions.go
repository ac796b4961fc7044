package query

import (
	"sort"
	"strconv"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// identity is what makes two interaction records the same fact, so that one
// found both by topic and by evidence text is counted once.
func identity(in graph.Interaction) string {
	return in.Cable + "\x00" + strconv.Itoa(in.Paragraph) + "\x00" + in.A + "\x00" + in.B + "\x00" + in.Kind + "\x00" + in.Status + "\x00" + in.Evidence
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
	sort.SliceStable(ins, func(i, j int) bool {
		x, y := ins[i], ins[j]
		if l, eq := lessTime(x.Date, y.Date); !eq {
			return l
		}
		if x.Cable != y.Cable {
			return x.Cable < y.Cable
		}
		if x.Paragraph != y.Paragraph {
			return x.Paragraph < y.Paragraph
		}
		if x.A != y.A {
			return x.A < y.A
		}
		if x.B != y.B {
			return x.B < y.B
		}
		if x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Evidence < y.Evidence
	})
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
