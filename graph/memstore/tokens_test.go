package memstore

import (
	"slices"
	"strings"
	"testing"
)

func TestContainsFold(t *testing.T) {
	tests := []struct {
		s, w string
		want bool
	}{
		{"RUSSIA CONTINUES", "continues", true},
		{"Russia", "russia", true},
		{"Russia", "russian", false},
		{"Tadić said", "tadić", true},
		{"TADIĆ said", "tadić", true},
		{"", "a", false},
		{"abc", "", true},
		// Runes outside ASCII that strings.ToLower (and Lucene) fold
		// into it: the answer must not depend on the ASCII fast path.
		{"SERB\u0130A", "serbia", true},
		{"\u212aOSOVO", "kosovo", true},
		{"SERB\u0130A", "serbja", false},
		{"\u212aOSOVO", "osovo", true},
	}
	for _, tt := range tests {
		if want := strings.Contains(strings.ToLower(tt.s), tt.w); want != tt.want {
			t.Fatalf("case %q/%q: want %v contradicts strings.ToLower", tt.s, tt.w, tt.want)
		}
	}
	for _, tt := range tests {
		if got := containsFold(tt.s, tt.w); got != tt.want {
			t.Errorf("containsFold(%q, %q) = %v, want %v", tt.s, tt.w, got, tt.want)
		}
	}
}

func TestParseQuery(t *testing.T) {
	terms, phrases := parseQuery(`Kosovo "Foreign Minister" lavrov kosovo`)
	if want := []string{"foreign", "kosovo", "lavrov", "minister"}; !slices.Equal(terms, want) {
		t.Errorf("terms = %q, want %q", terms, want)
	}
	if len(phrases) != 1 || !slices.Equal(phrases[0], []string{"foreign", "minister"}) {
		t.Errorf("phrases = %q, want [[foreign minister]]", phrases)
	}
}
