package storetest

import (
	"slices"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestFixturesAreUsable(t *testing.T) {
	fs := Fixtures(t)
	seen := map[string]bool{}
	for _, c := range fs {
		if c.ID == "" || seen[c.ID] {
			t.Errorf("fixture id %q empty or repeated", c.ID)
		}
		seen[c.ID] = true
	}
	for _, c := range HandBuilt() {
		if !seen[c.ID] {
			t.Errorf("hand-built %s missing from Fixtures", c.ID)
		}
	}
	if sharedDir() == "" {
		t.Skip("../shared/data/cables not present: real fixtures not checked")
	}
	if len(fs) < len(HandBuilt())+RealCables/2 {
		t.Errorf("Fixtures has %d cables, want the hand-built plus most of %d real ones", len(fs), RealCables)
	}
	withPersons := 0
	for _, c := range fs {
		if len(c.Persons) > 0 {
			withPersons++
		}
	}
	if withPersons < len(fs)/2 {
		t.Errorf("only %d of %d fixtures have persons: extraction did not run?", withPersons, len(fs))
	}
}

// TestOracleReplacement checks the oracle itself on the one fact the
// replacement test hinges on: the changed cable drops Tadić.
func TestOracleReplacement(t *testing.T) {
	o := newOracle()
	o.write(HandBuilt(), make([]string, len(HandBuilt())))
	if _, ok := o.persons()["tadic-boris"]; !ok {
		t.Fatal("oracle lost tadic-boris before replacement")
	}
	o.write([]*graph.Cable{Changed()}, []string{""})
	if _, ok := o.persons()["tadic-boris"]; ok {
		t.Error("oracle kept tadic-boris after replacement")
	}
	if got := o.persons()["jeremic-vuk"].Aliases; slices.Contains(got, "FM Jeremic") {
		t.Errorf("oracle kept a stale alias: %v", got)
	}
}

func TestWordsMatchesLuceneCases(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. officials", []string{"u.s", "officials"}},
		{"Kosovo's status", []string{"kosovo's", "status"}},
		{"1.4 (b/d)", []string{"1.4", "b", "d"}},
		{"10,000", []string{"10,000"}},
		{"a,b", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("words(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
