package graph

import (
	"cmp"
	"strings"
)

// CompareInteractions is the order in which Reader.Interactions returns
// interactions: date (missing dates last), cable, paragraph, A, B, kind,
// evidence. Both stores sort by it and graph/query merges by it, so that a
// list read from one store and a list merged in Go agree.
func CompareInteractions(x, y *Interaction) int {
	switch {
	case x.Date == nil && y.Date != nil:
		return 1
	case x.Date != nil && y.Date == nil:
		return -1
	case x.Date != nil && y.Date != nil:
		if c := x.Date.Compare(*y.Date); c != 0 {
			return c
		}
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
