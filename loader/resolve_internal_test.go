package loader

import (
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestResolverApplyMergesAndDrops(t *testing.T) {
	r := resolverOf(map[string]string{"sergey": "lavrov|RS", "lavrov": "lavrov|RS"})
	c := &graph.Cable{
		Persons: []graph.PersonMention{
			{Key: "lavrov", Name: "Lavrov", Surname: "Lavrov", Aliases: []string{"LAVROV"}, How: []string{"verb"}, Count: 2, Paragraphs: []int{3, 1}},
			{Key: "jeremic|SR", Name: "Vuk Jeremic", Count: 1},
			{Key: "sergey", Name: "Sergey Lavrov", Surname: "Lavrov", Aliases: []string{"FM Lavrov"}, Roles: []string{"FM"}, Country: "RS", How: []string{"title+name"}, Count: 1, Paragraphs: []int{3}},
		},
		Interactions: []graph.Interaction{
			{A: "lavrov", B: "sergey", Kind: "coMentioned", Paragraph: 3},
			{A: "jeremic|SR", B: "lavrov", Kind: "met", Paragraph: 1, Evidence: "x"},
			{A: "jeremic|SR", B: "sergey", Kind: "met", Paragraph: 1, Evidence: "x"},
			{A: "jeremic|SR", B: "post:Embassy Moscow", Kind: "told", Paragraph: 2},
		},
	}
	if !r.needs(c) {
		t.Fatal("needs = false for a cable holding mapped keys")
	}
	r.apply(c)
	wantP := []graph.PersonMention{
		{Key: "lavrov|RS", Name: "Sergey Lavrov", Surname: "Lavrov", Aliases: []string{"FM Lavrov", "LAVROV"}, Roles: []string{"FM"}, Country: "RS", How: []string{"title+name", "verb"}, Count: 3, Paragraphs: []int{1, 3}},
		{Key: "jeremic|SR", Name: "Vuk Jeremic", Count: 1},
	}
	if !reflect.DeepEqual(c.Persons, wantP) {
		t.Errorf("persons:\ngot  %+v\nwant %+v", c.Persons, wantP)
	}
	wantI := []graph.Interaction{
		{A: "jeremic|SR", B: "lavrov|RS", Kind: "met", Paragraph: 1, Evidence: "x"},
		{A: "jeremic|SR", B: "post:Embassy Moscow", Kind: "told", Paragraph: 2},
	}
	if !reflect.DeepEqual(c.Interactions, wantI) {
		t.Errorf("interactions:\ngot  %+v\nwant %+v", c.Interactions, wantI)
	}
	if r.needs(c) {
		t.Error("needs = true after apply")
	}
}

func TestKeyCountsCountCablesNotMentions(t *testing.T) {
	k := keyCounts{}
	k.add(&graph.Cable{Persons: []graph.PersonMention{{Key: "a"}, {Key: "a"}, {Key: "b"}, {Key: ""}}})
	k.add(&graph.Cable{Persons: []graph.PersonMention{{Key: "a"}}})
	if want := (keyCounts{"a": 2, "b": 1}); !reflect.DeepEqual(k, want) {
		t.Errorf("counts = %v, want %v", k, want)
	}
}

// TestResolverKeepsDifferentGivenNamesApart: a bare "davis" is folded into
// the only qualified Davis, except the mention whose given name differs
// (Terry Davis of the Council of Europe is not Ben Davis of the US).
func TestResolverKeepsDifferentGivenNamesApart(t *testing.T) {
	counts := keyCounts{}
	for i := 0; i < 3; i++ {
		counts.add(&graph.Cable{Persons: []graph.PersonMention{{Key: "davis|US", Name: "Ben Davis", Surname: "Davis"}}})
	}
	counts.add(&graph.Cable{Persons: []graph.PersonMention{{Key: "davis", Name: "Terry Davis", Surname: "Davis"}}})
	counts.add(&graph.Cable{Persons: []graph.PersonMention{{Key: "davis", Name: "Davis", Surname: "Davis"}}})
	counts.add(&graph.Cable{Persons: []graph.PersonMention{{Key: "davis", Name: "B. Davis", Surname: "Davis"}}})
	r := newResolver(counts)
	for _, tc := range []struct{ name, want string }{{"Terry Davis", "davis"}, {"Davis", "davis|US"}, {"B. Davis", "davis|US"}, {"Ben Davis", "davis|US"}} {
		c := &graph.Cable{
			Persons:      []graph.PersonMention{{Key: "davis", Name: tc.name, Surname: "Davis"}, {Key: "lavrov", Name: "Lavrov", Surname: "Lavrov"}},
			Interactions: []graph.Interaction{{A: "davis", AName: tc.name, B: "lavrov", BName: "Lavrov", Kind: "met"}},
		}
		if got := r.needs(c); got != (tc.want != "davis") {
			t.Errorf("%s: needs = %v", tc.name, got)
		}
		r.apply(c)
		if c.Persons[0].Key != tc.want || c.Interactions[0].A != tc.want {
			t.Errorf("%s: person key %q, interaction side %q, want %q", tc.name, c.Persons[0].Key, c.Interactions[0].A, tc.want)
		}
	}
}
