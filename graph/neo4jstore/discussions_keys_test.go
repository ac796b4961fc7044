package neo4jstore

import (
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestDiscussionKeysColumns holds the discussions statement's columns and
// order over ak and bk to discussionColumns and interactionOrder, and its
// split of r.pair to pairSep.
func TestDiscussionKeysColumns(t *testing.T) {
	r := strings.NewReplacer("a.key", "ak", "b.key", "bk")
	if want := r.Replace(discussionColumns); discussionColumnsByKeys != want {
		t.Errorf("discussionColumnsByKeys = %q, want %q", discussionColumnsByKeys, want)
	}
	if want := r.Replace(interactionOrder); discussionOrderByKeys != want {
		t.Errorf("discussionOrderByKeys = %q, want %q", discussionOrderByKeys, want)
	}
	if pairSep != "\u001f" || !strings.Contains(discussionKeys, `'\u001f'`) {
		t.Errorf("discussionKeys splits r.pair at another separator than pairSep %q", pairSep)
	}
	if k := pairKey(graph.InteractionMet, "a", "b"); k != "a"+pairSep+"b" {
		t.Errorf("pairKey = %q: not start key, pairSep, end key", k)
	}
}

// TestDiscussionTopicalWithoutEndpointMatch: with the topic keys, the
// topical part takes the interactions from the index without matching
// their endpoints (discussionKeys reads the keys).
func TestDiscussionTopicalWithoutEndpointMatch(t *testing.T) {
	m := topicKeysMatch(graph.InteractionFilter{Topics: []string{"kosovo"}}, map[string]any{}, `"kosovo"`)
	trimmed := strings.TrimSuffix(m, "\n  MATCH (a:Person)-[r]->(b:Person)")
	if trimmed == m || strings.Contains(trimmed, "MATCH") {
		t.Errorf("topicKeysMatch no longer ends with the endpoints' match the statement trims:\n%s", m)
	}
}
