package memstore

import (
	"slices"
	"testing"
)

func TestTokenize(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"U.S. officials", []string{"u.s", "officials"}},
		{"Kosovo's status", []string{"kosovo's", "status"}},
		{"1.4 (b/d)", []string{"1.4", "b", "d"}},
		{"10,000 troops", []string{"10,000", "troops"}},
		{"a,b", []string{"a", "b"}},
		{"foo_bar", []string{"foo_bar"}},
		{"TADIĆ, Boris", []string{"tadić", "boris"}},
		{"end. Next", []string{"end", "next"}},
		{"--", nil},
		{"", nil},
		{"x.", []string{"x"}},
		{"08MOSCOW235", []string{"08moscow235"}},
	}
	for _, tt := range tests {
		if got := tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

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
