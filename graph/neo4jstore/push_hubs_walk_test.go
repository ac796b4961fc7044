package neo4jstore

import (
	"strings"
	"testing"
)

// TestWalkFlag: a hub group is walked through the cables' index only when
// the walk's expected db hits (10*perNode*cables/d) are under half of its
// degree's, so neither plan costs more than about sqrt(10*perNode*cables).
func TestWalkFlag(t *testing.T) {
	for _, c := range []struct {
		d, cables int64
		perNode   int
		want      int64
	}{
		{d: 5, cables: 6712, perNode: 100, want: 0},        // fewer edges than the limit: read whole
		{d: 100, cables: 6712, perNode: 100, want: 0},      // exactly the limit
		{d: 2190, cables: 6712, perNode: 100, want: 0},     // walk ~3,000 hits against ~4,400
		{d: 4753, cables: 6712, perNode: 100, want: 1},     // walk ~1,400 hits against ~9,500
		{d: 100000, cables: 251287, perNode: 100, want: 1}, // full-size tag: ~2,500 against 200,000
		{d: 0, cables: 0, perNode: 1, want: 0},             // empty group
		{d: 15800, cables: 251287, perNode: 100, want: 0},  // just under sqrt(10*perNode*cables)
		{d: 15900, cables: 251287, perNode: 100, want: 1},  // just over
		{d: 20, cables: 30, perNode: 1, want: 1},           // small graphs walk with small limits
	} {
		if got := walkFlag(c.d, c.cables, c.perNode); got != c.want {
			t.Errorf("walkFlag(d %d, cables %d, perNode %d) = %d, want %d", c.d, c.cables, c.perNode, got, c.want)
		}
	}
}

// TestHubStatementsCoverEveryGroup: cyHubEdges has an expansion and a
// walk branch per group, and the degrees statement returns the number of
// cables.
func TestHubStatementsCoverEveryGroup(t *testing.T) {
	if got, want := strings.Count(cyHubEdges, "AND q[3] = 0"), len(hubGroups); got != want {
		t.Errorf("cyHubEdges has %d expansion branches, want %d", got, want)
	}
	if got, want := strings.Count(cyHubEdges, "AND q[3] = 1"), len(hubGroups); got != want {
		t.Errorf("cyHubEdges has %d walk branches, want %d", got, want)
	}
	if !strings.HasSuffix(cyHubDegreesCables, ", cables") || !strings.Contains(cyHubDegreesCables, "count(c) AS cables") {
		t.Errorf("degrees statement does not return the number of cables:\n%s", cyHubDegreesCables)
	}
}
