package graph

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
		if got := Tokens(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
