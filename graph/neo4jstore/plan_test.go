package neo4jstore

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// operators flattens a plan into its operator names.
func operators(p neo4j.Plan) []string {
	if p == nil {
		return nil
	}
	out := []string{p.Operator() + "(" + strings.Join(p.Identifiers(), ",") + ")"}
	for _, c := range p.Children() {
		out = append(out, operators(c)...)
	}
	return out
}

// TestNeo4jWritePlansUseIndexes EXPLAINs the statements that run once
// per batch on a large graph and fails when one scans a whole label or
// every relationship, which would make a 251k-cable load quadratic.
func TestNeo4jWritePlansUseIndexes(t *testing.T) {
	ctx := context.Background()
	s := openEmpty(t)
	stmts := map[string]string{
		"dropCableFacts":   cyDropCableFacts,
		"dropPersonFacts":  cyDropPersonFacts,
		"dropInteractions": cyDropInteractions,
		"mentioned":        cyMentioned,
		"interacted":       cyInteracted,
		"resolves":         cyResolves,
		"dropAffiliations": cyDropAffiliations,
		"affiliate":        cyAffiliate,
		"mentionsOf":       cyMentionsOf,
		"deletePersons":    cyDeletePersons,
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer func() { _ = sess.Close(ctx) }()
	for name, cy := range stmts {
		res, err := sess.Run(ctx, "EXPLAIN "+cy, map[string]any{"ids": []any{}, "rows": []any{}, "keys": []any{}})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ops := operators(sum.Plan())
		t.Logf("%s: %s", name, strings.Join(ops, " <- "))
		for _, op := range ops {
			if strings.HasPrefix(op, "AllNodesScan") || strings.HasPrefix(op, "NodeByLabelScan") ||
				strings.HasPrefix(op, "DirectedAllRelationshipsScan") || strings.HasPrefix(op, "DirectedRelationshipTypeScan") {
				t.Errorf("%s scans: %s", name, strings.Join(ops, " <- "))
			}
		}
	}
}

// TestNeo4jReadPlansUseIndexes EXPLAINs the cable list for each filter
// that has an index and fails when the plan scans every Cable instead.
func TestNeo4jReadPlansUseIndexes(t *testing.T) {
	ctx := context.Background()
	s := openEmpty(t)
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	filters := map[string]graph.CableFilter{
		"ids":            {IDs: []string{"08MOSCOW235"}},
		"person":         {Person: "lavrov-sergey"},
		"tags":           {Tags: []string{"KV", "PREL"}},
		"country":        {Country: "KV"},
		"origin":         {Origin: "Embassy Moscow"},
		"classification": {Classification: graph.Confidential},
		"since":          {Since: &since},
	}
	sess := s.driver.NewSession(ctx, neo4j.SessionConfig{DatabaseName: s.db})
	defer func() { _ = sess.Close(ctx) }()
	for name, f := range filters {
		match, params := cableMatch(f)
		res, err := sess.Run(ctx, "EXPLAIN "+match+" RETURN c.id", params)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sum, err := res.Consume(ctx)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ops := operators(sum.Plan())
		t.Logf("%s: %s", name, strings.Join(ops, " <- "))
		for _, op := range ops {
			if strings.HasPrefix(op, "NodeByLabelScan") || strings.HasPrefix(op, "AllNodesScan") {
				t.Errorf("%s scans every node: %s", name, strings.Join(ops, " <- "))
			}
		}
	}
}
