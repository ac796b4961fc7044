package memstore

import (
	"slices"
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
