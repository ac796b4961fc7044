package graph

import (
	"testing"
	"time"
)

func TestCompareInteractions(t *testing.T) {
	d1 := time.Date(2008, 1, 30, 0, 0, 0, 0, time.UTC)
	d2 := d1.AddDate(0, 0, 1)
	base := Interaction{Date: &d1, Cable: "08MOSCOW235", Paragraph: 6, A: "jeremic|RB", B: "lavrov|RS", Kind: InteractionMet, Evidence: "x"}
	with := func(f func(*Interaction)) Interaction { in := base; f(&in); return in }
	tests := []struct {
		name string
		x, y Interaction
		want int
	}{
		{"same", base, base, 0},
		{"earlier date first", base, with(func(in *Interaction) { in.Date = &d2 }), -1},
		{"missing date last", with(func(in *Interaction) { in.Date = nil }), base, 1},
		{"both missing: cable decides", with(func(in *Interaction) { in.Date, in.Cable = nil, "A" }), with(func(in *Interaction) { in.Date, in.Cable = nil, "B" }), -1},
		{"date before cable", with(func(in *Interaction) { in.Cable = "Z" }), with(func(in *Interaction) { in.Date, in.Cable = &d2, "A" }), -1},
		{"paragraph as a number", with(func(in *Interaction) { in.Paragraph = 10 }), with(func(in *Interaction) { in.Paragraph = 9 }), 1},
		{"a, then b", with(func(in *Interaction) { in.A = "a" }), with(func(in *Interaction) { in.B = "a" }), -1},
		{"kind", with(func(in *Interaction) { in.Kind = InteractionTold }), base, 1},
		{"evidence last", with(func(in *Interaction) { in.Evidence = "y" }), base, 1},
	}
	for _, tt := range tests {
		if got := CompareInteractions(&tt.x, &tt.y); got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, got, tt.want)
		}
		if got := CompareInteractions(&tt.y, &tt.x); got != -tt.want {
			t.Errorf("%s reversed: got %d, want %d", tt.name, got, -tt.want)
		}
	}
}
