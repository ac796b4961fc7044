package query_test

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

// golden compares v, as indented JSON, with testdata/name.json.
func golden(t *testing.T, name string, v any) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name+".json")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it):\n%s", path, got)
	}
}

func TestNeighborhoodGolden(t *testing.T) {
	s := newService(t, fixture())
	tests := []struct {
		name, id     string
		depth, limit int
	}{
		{"neighborhood_cable", "Cable:08MOSCOW235", 1, 0},
		{"neighborhood_bare_cable", "08moscow235", 1, 0},
		{"neighborhood_person_depth2", "Lavrov", 2, 0},
		{"neighborhood_country_limited", "Kosovo", 2, 3},
		{"neighborhood_tag", "Tag:ECON", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := s.Neighborhood(context.Background(), tt.id, tt.depth, tt.limit)
			if err != nil {
				t.Fatal(err)
			}
			checkSubgraph(t, g)
			golden(t, tt.name, g)
		})
	}
}

// checkSubgraph asserts the invariants a visualisation relies on: unique
// node ids and edges joining listed nodes.
func checkSubgraph(t *testing.T, g *graph.Subgraph) {
	t.Helper()
	ids := map[string]bool{}
	for _, n := range g.Nodes {
		if ids[n.ID] {
			t.Errorf("duplicate node %s", n.ID)
		}
		ids[n.ID] = true
		if n.Label == "" {
			t.Errorf("node %s has no label", n.ID)
		}
	}
	for _, e := range g.Edges {
		if !ids[e.Source] || !ids[e.Target] {
			t.Errorf("edge %s -> %s joins a node not in the subgraph", e.Source, e.Target)
		}
	}
	if g.Truncated != (g.Omitted > 0) {
		t.Errorf("truncated %v with %d omitted", g.Truncated, g.Omitted)
	}
}

func TestNeighborhoodLimit(t *testing.T) {
	s := newService(t, fixture())
	full, err := s.Neighborhood(context.Background(), "Cable:08MOSCOW235", 1, 0)
	if err != nil {
		t.Fatal(err)
	}
	cut, err := s.Neighborhood(context.Background(), "Cable:08MOSCOW235", 1, 3)
	if err != nil {
		t.Fatal(err)
	}
	// Omitted is exact for the nodes met and an upper bound (one per edge)
	// for the edges the per-node cut did not fetch, so never below the
	// nodes really left out.
	if len(cut.Nodes) != 3 || !cut.Truncated || cut.Omitted < len(full.Nodes)-3 {
		t.Errorf("limit 3: %d nodes, truncated %v, omitted %d; full has %d nodes", len(cut.Nodes), cut.Truncated, cut.Omitted, len(full.Nodes))
	}
	if cut.Nodes[0].ID != "Cable:08MOSCOW235" {
		t.Errorf("start node not first: %s", cut.Nodes[0].ID)
	}
}

func TestNeighborhoodErrors(t *testing.T) {
	s := newService(t, fixture())
	tests := []struct {
		id           string
		depth, limit int
		want         error
	}{
		{"Cable:99NOWHERE1", 1, 0, graph.ErrNotFound},
		{"no such thing", 1, 0, graph.ErrNotFound},
		{"", 1, 0, graph.ErrInvalid},
		{"08MOSCOW235", 4, 0, graph.ErrInvalid},
		{"08MOSCOW235", 1, 1001, graph.ErrInvalid},
	}
	for _, tt := range tests {
		if _, err := s.Neighborhood(context.Background(), tt.id, tt.depth, tt.limit); !errors.Is(err, tt.want) {
			t.Errorf("Neighborhood(%q, %d, %d) err = %v, want %v", tt.id, tt.depth, tt.limit, err, tt.want)
		}
	}
}

func TestReferenceChainGolden(t *testing.T) {
	s := newService(t, fixture())
	for _, tt := range []struct {
		name, id, dir string
		depth         int
	}{
		{"chain_out", "08BELGRADE50", "OUT", 0},
		{"chain_in", "07MOSCOW5555", "IN", 0},
		{"chain_both", "08MOSCOW300", "", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			g, err := s.ReferenceChain(context.Background(), tt.id, tt.dir, tt.depth)
			if err != nil {
				t.Fatal(err)
			}
			checkSubgraph(t, g)
			golden(t, tt.name, g)
		})
	}
}

func TestReferenceChain(t *testing.T) {
	s := newService(t, fixture())
	g, err := s.ReferenceChain(context.Background(), "08BELGRADE50", "out", 3)
	if err != nil {
		t.Fatal(err)
	}
	// 08BELGRADE50 -> 08MOSCOW300 -> {08MOSCOW235 -> 07MOSCOW5555 (ghost), 07MOSCOW999 (ghost)}
	want := map[string]string{"Cable:08BELGRADE50": "0", "Cable:08MOSCOW300": "1", "Cable:08MOSCOW235": "2",
		"Reference:07MOSCOW999": "2", "Reference:07MOSCOW5555": "3"}
	if len(g.Nodes) != len(want) {
		t.Fatalf("nodes %+v, want %v", g.Nodes, want)
	}
	for _, n := range g.Nodes {
		if d, ok := want[n.ID]; !ok || n.Properties["depth"] != d {
			t.Errorf("node %s depth %q, want %q", n.ID, n.Properties["depth"], d)
		}
		if n.Kind == graph.KindReference && n.Properties["ghost"] != "true" {
			t.Errorf("ghost %s not marked", n.ID)
		}
	}
	g2, err := s.ReferenceChain(context.Background(), "08BELGRADE50", "OUT", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(g2.Nodes) != 2 {
		t.Errorf("depth 1: %d nodes, want 2", len(g2.Nodes))
	}
	for _, bad := range []struct {
		id, dir string
		depth   int
		want    error
	}{{"08BELGRADE50", "SIDEWAYS", 1, graph.ErrInvalid}, {"08BELGRADE50", "IN", 7, graph.ErrInvalid}, {"99NOWHERE1", "IN", 1, graph.ErrNotFound}} {
		if _, err := s.ReferenceChain(context.Background(), bad.id, bad.dir, bad.depth); !errors.Is(err, bad.want) {
			t.Errorf("ReferenceChain(%q, %q, %d) err = %v, want %v", bad.id, bad.dir, bad.depth, err, bad.want)
		}
	}
}
