package query_test

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
)

func TestDiscussions(t *testing.T) {
	s := newService(t, fixture())
	const p6 = "Serbian FM Jeremic met Lavrov in Moscow on January 24 to discuss Kosovo."
	const told = "Lavrov told Ambassador Burns that Kosovo independence was illegal."
	type pair struct {
		a, b     string
		count    int
		evidence []string
	}
	tests := []struct {
		name string
		q    graph.DiscussionQuery
		want []pair
	}{
		{"by code: topic match plus evidence text match", graph.DiscussionQuery{Topic: "KV"},
			// jeremic-lavrov: met (1.0) beats burns-lavrov told (0.9), found
			// only because its sentence names Kosovo.
			[]pair{{"jeremic|RB", "lavrov|RS", 1, []string{p6}}, {"burns|US", "lavrov|RS", 1, []string{told}}}},
		{"by name", graph.DiscussionQuery{Topic: "Kosovo"},
			[]pair{{"jeremic|RB", "lavrov|RS", 1, []string{p6}}, {"burns|US", "lavrov|RS", 1, []string{told}}}},
		{"co-mentions on request", graph.DiscussionQuery{Topic: "Kosovo", IncludeCoMentions: true},
			[]pair{{"jeremic|RB", "lavrov|RS", 1, []string{p6}}, {"burns|US", "lavrov|RS", 1, []string{told}},
				{"ahtisaari|FI", "lavrov|RS", 1, []string{"Lavrov rejected the Ahtisaari plan."}}}},
		{"since excludes January", graph.DiscussionQuery{Topic: "Kosovo", Since: day("2008-02-01")},
			[]pair{{"burns|US", "lavrov|RS", 1, []string{told}}}},
		{"until excludes February", graph.DiscussionQuery{Topic: "Kosovo", Until: day("2008-01-31")},
			[]pair{{"jeremic|RB", "lavrov|RS", 1, []string{p6}}}},
		{"first cuts the ranking", graph.DiscussionQuery{Topic: "Kosovo", First: 1},
			[]pair{{"jeremic|RB", "lavrov|RS", 1, []string{p6}}}},
		{"free text topic word", graph.DiscussionQuery{Topic: "energy"},
			[]pair{{"burns|US", "lavrov|RS", 1, []string{"Burns and Lavrov discussed gas prices."}}}},
		{"nothing", graph.DiscussionQuery{Topic: "fisheries"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Discussions(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %d discussions %+v, want %d", len(got), got, len(tt.want))
			}
			for i, w := range tt.want {
				d := got[i]
				if d.A != w.a || d.B != w.b || d.Count != w.count {
					t.Errorf("#%d = %s-%s x%d, want %s-%s x%d", i, d.A, d.B, d.Count, w.a, w.b, w.count)
				}
				if len(d.Evidence) != len(w.evidence) {
					t.Fatalf("#%d evidence %+v, want %q", i, d.Evidence, w.evidence)
				}
				for j, e := range w.evidence {
					if d.Evidence[j].Sentence != e {
						t.Errorf("#%d evidence %d = %q, want %q", i, j, d.Evidence[j].Sentence, e)
					}
				}
				if d.FirstDate == nil || d.LastDate == nil || d.FirstDate.After(*d.LastDate) {
					t.Errorf("#%d dates %v..%v", i, d.FirstDate, d.LastDate)
				}
				if len(d.Cables) == 0 {
					t.Errorf("#%d has no cables", i)
				}
			}
		})
	}
}

func TestDiscussionsScoreAndGrouping(t *testing.T) {
	s := newService(t, fixture())
	got, err := s.Discussions(context.Background(), graph.DiscussionQuery{Topic: "RS"})
	if err != nil {
		t.Fatal(err)
	}
	// Both 08MOSCOW300 interactions (told + discussed) are tagged RS and
	// fold into one unordered pair; 08MOSCOW235 is tagged RS too.
	var burns *graph.Discussion
	for i := range got {
		if got[i].A == "burns|US" && got[i].B == "lavrov|RS" {
			burns = &got[i]
		}
	}
	if burns == nil {
		t.Fatalf("no burns-lavrov pair in %+v", got)
	}
	if burns.Count != 2 || len(burns.Cables) != 1 || burns.Cables[0] != "08MOSCOW300" {
		t.Errorf("burns-lavrov = %+v; want 2 interactions in 08MOSCOW300", *burns)
	}
	if burns.Score < 1.79 || burns.Score > 1.81 {
		t.Errorf("score = %v, want 0.9+0.9", burns.Score)
	}
	if burns.Evidence[0].Paragraph != 2 || burns.Evidence[1].Paragraph != 3 {
		t.Errorf("evidence not in paragraph order: %+v", burns.Evidence)
	}
}

func TestDiscussionsInvalid(t *testing.T) {
	s := newService(t, fixture())
	for _, q := range []graph.DiscussionQuery{
		{Topic: ""},
		{Topic: "KV", First: 101},
		{Topic: "KV", First: -1},
		{Topic: "KV", Since: day("2009-01-01"), Until: day("2008-01-01")},
	} {
		if _, err := s.Discussions(context.Background(), q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("%+v: err = %v, want ErrInvalid", q, err)
		}
	}
}

// TestDiscussionsReadEverySentenceNamingTheWord: the evidence-text pass
// reads every cable that names the word, not the first few thousand, both
// through the store's DiscussionsSource and over the plain Reader. The only
// sentence naming the word sits in the last of more cables than one text
// page holds.
func TestDiscussionsReadEverySentenceNamingTheWord(t *testing.T) {
	ctx := context.Background()
	const n = 5200
	cables := make([]*graph.Cable, 0, n)
	for i := range n {
		id := fmt.Sprintf("09ZANZIBAR%04d", i)
		body := "Zanzibar clove exports were discussed."
		c := &graph.Cable{ID: id, Created: day("2009-03-01"), Subject: "ZANZIBAR NOTES", Origin: "Embassy Dar es Salaam",
			Classification: graph.Unclassified, Body: body, Paragraphs: []graph.Paragraph{{Number: 1, Text: body}}}
		if i == n-1 {
			c.Persons = []graph.PersonMention{person("smith|US", "John Smith", "US"), person("mwinyi|TZ", "Ali Mwinyi", "TZ")}
			c.Interactions = []graph.Interaction{inter("smith|US", "mwinyi|TZ", graph.InteractionMet, id, 1, "2009-03-01",
				"Smith met Mwinyi to discuss Zanzibar.")}
		}
		cables = append(cables, c)
	}
	st := memstore.New()
	hashes := make([]string, len(cables))
	for i, c := range cables {
		hashes[i] = "h-" + c.ID
	}
	if err := st.WriteCables(ctx, cables, hashes); err != nil {
		t.Fatal(err)
	}
	for name, r := range map[string]graph.Reader{"DiscussionsSource": st, "plain Reader": readerOnly{st}} {
		got, err := query.New(r, nil).Discussions(ctx, graph.DiscussionQuery{Topic: "Zanzibar"})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(got) != 1 || got[0].A != "mwinyi|TZ" || got[0].B != "smith|US" {
			t.Errorf("%s: got %+v, want the one Mwinyi-Smith discussion of cable %d of %d", name, got, n, n)
		}
	}
}

// TestDiscussionsPageIsAPrefix: cables and evidence are gathered only for
// the pairs on the page; each page must be the start of a longer one,
// evidence and cables included.
func TestDiscussionsPageIsAPrefix(t *testing.T) {
	s := newService(t, fixture())
	ctx := context.Background()
	for _, q := range []graph.DiscussionQuery{{Topic: "RS"}, {Topic: "Kosovo", IncludeCoMentions: true}} {
		q.First = 100
		all, err := s.Discussions(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if len(all) < 2 {
			t.Fatalf("%+v: %d discussions, want at least 2 for the comparison", q, len(all))
		}
		for n := 1; n < len(all); n++ {
			q.First = n
			page, err := s.Discussions(ctx, q)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(page, all[:n]) {
				t.Errorf("%+v:\n got %+v\nwant %+v", q, page, all[:n])
			}
		}
	}
}
