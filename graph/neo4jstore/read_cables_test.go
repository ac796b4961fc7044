package neo4jstore

import "testing"

// TestSubstringQuery checks the full-text anchor of a text filter: every
// word made of token runes becomes a required *word* term, lower-cased;
// words with punctuation (which may span tokens) are left to the scan.
func TestSubstringQuery(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"Kosovo", "+*kosovo*"},
		{"  kosovo  the ", "+*kosovo* +*the*"},
		{"U.S. pipeline", "+*pipeline*"},
		{"u.s.", ""},
		{"", ""},
		{"Tadić", "+*tadić*"},
		{"a*b", ""},
		{"title:x", ""},
		{"oil_gas 2008", "+*oil_gas* +*2008*"},
	} {
		if got := substringQuery(tc.text); got != tc.want {
			t.Errorf("substringQuery(%q) = %q, want %q", tc.text, got, tc.want)
		}
	}
}

// TestKeyByTypeCoversEveryType checks that every relationship type with
// known ends names a key property of both of its labels.
func TestKeyByTypeCoversEveryType(t *testing.T) {
	keyOf := map[string]bool{}
	for _, nk := range nodeKeys {
		keyOf[nk.label] = true
	}
	for typ, ends := range relEnds {
		for _, l := range ends {
			if !keyOf[l] {
				t.Errorf("%s: label %s has no business key", typ, l)
			}
		}
	}
	if len(knownRels) != len(relEnds) {
		t.Errorf("knownRels has %d types, relEnds %d", len(knownRels), len(relEnds))
	}
}
