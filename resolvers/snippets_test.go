package resolvers

import (
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestSnippets(t *testing.T) {
	c := &graph.Cable{
		Subject: "RUSSIA CONTINUES TO RESIST KOSOVO CDI",
		Paragraphs: []graph.Paragraph{
			{Number: 1, Text: "Nothing here. Kosovo's status was discussed. Kosovar Serbs too."},
			{Number: 2, Text: "Tadić met Jeremić on Kosovo."},
		},
	}
	got := snippets(c, queryWords("kosovo"), 10)
	want := []struct {
		par  int
		text string
		hit  string
	}{
		{0, "RUSSIA CONTINUES TO RESIST KOSOVO CDI", "KOSOVO"},
		{1, "Kosovo's status was discussed.", "Kosovo"},
		{2, "Tadić met Jeremić on Kosovo.", "Kosovo"},
	}
	if len(got) != len(want) {
		t.Fatalf("got %d snippets, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		s := got[i]
		if s.Paragraph != w.par || s.Text != w.text || len(s.Highlights) != 1 {
			t.Errorf("snippet %d = %+v, want %+v", i, s, w)
			continue
		}
		if hit := string([]rune(s.Text)[s.Highlights[0].Start:s.Highlights[0].End]); hit != w.hit {
			t.Errorf("snippet %d highlights %q, want %q", i, hit, w.hit)
		}
	}
	if n := len(snippets(c, queryWords("kosovo"), 2)); n != 2 {
		t.Errorf("limit 2 gave %d snippets", n)
	}
}
