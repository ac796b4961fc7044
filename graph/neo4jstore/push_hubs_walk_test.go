package neo4jstore

import (
	"strings"
	"testing"
)

// TestWalkFlag: a hub group is walked through the far label's index only
// when the walk's expected rows (perNode*total/d) are fewer than its
// degree, so neither plan costs more than sqrt(perNode*total) rows.
func TestWalkFlag(t *testing.T) {
	for _, c := range []struct {
		d, total int64
		perNode  int
		want     int64
	}{
		{d: 5, total: 30000, perNode: 100, want: 0},        // fewer edges than the limit: read whole
		{d: 100, total: 30000, perNode: 100, want: 0},      // exactly the limit
		{d: 1000, total: 30000, perNode: 100, want: 0},     // walk would meet 3,000 rows
		{d: 4753, total: 30000, perNode: 100, want: 1},     // walk meets ~631 rows
		{d: 200000, total: 1250000, perNode: 100, want: 1}, // full-size tag: ~625 rows
		{d: 0, total: 0, perNode: 1, want: 0},              // empty group
		{d: 3, total: 3, perNode: 1, want: 1},              // the whole type at one hub
		{d: 11000, total: 1250000, perNode: 100, want: 0},  // just under sqrt(perNode*total)
		{d: 11200, total: 1250000, perNode: 100, want: 1},  // just over
	} {
		if got := walkFlag(c.d, c.total, c.perNode); got != c.want {
			t.Errorf("walkFlag(d %d, total %d, perNode %d) = %d, want %d", c.d, c.total, c.perNode, got, c.want)
		}
	}
}

// TestHubStatementsCoverEveryGroup: cyHubEdges has an expansion and a
// walk branch per group, and the degrees statement returns the totals.
func TestHubStatementsCoverEveryGroup(t *testing.T) {
	if got, want := strings.Count(cyHubEdges, "AND q[3] = 0"), len(hubGroups); got != want {
		t.Errorf("cyHubEdges has %d expansion branches, want %d", got, want)
	}
	if got, want := strings.Count(cyHubEdges, "AND q[3] = 1"), len(hubGroups); got != want {
		t.Errorf("cyHubEdges has %d walk branches, want %d", got, want)
	}
	if got, want := strings.Count(cyHubDegreesTotals, "RelationshipCount")+strings.Count(cyHubDegreesTotals, "RETURN count(r)"), len(hubGroups)/2; got != want {
		t.Errorf("degrees statement counts %d types, want %d", got, want)
	}
}
