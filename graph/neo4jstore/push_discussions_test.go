package neo4jstore

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestEvidenceQuery(t *testing.T) {
	for _, tc := range []struct{ lw, want string }{
		{"kosovo", `"kosovo"`},
		{"middle east", `"middle east"`},
		{"u.s.", `"u s"`},
		{"g8", `"g"`}, // digits cut tokens: "g" is a superset
		{"2008", ""},  // no letter: the cables' path
		{"köln", ""},  // not ASCII
		{"", ""},
	} {
		if got := evidenceQuery(tc.lw); got != tc.want {
			t.Errorf("evidenceQuery(%q) = %q, want %q", tc.lw, got, tc.want)
		}
	}
}

// zanzibarCables are cables whose sentences name topic words that no
// interaction's topics and no tag name, so that only the evidence text
// finds them: a whole-word hit, a hit inside a longer word (which the
// caller drops), a sentence whose cable's text does not name the word
// (which ListCables would not list), a co-mention, a cable outside a
// window, a phrase, a sentence that is topical too, and the letters Go
// folds into ASCII (U+212A, U+0130).
func zanzibarCables() []*graph.Cable {
	day := func(s string) *time.Time {
		d, err := time.Parse(time.DateOnly, s)
		if err != nil {
			panic(err)
		}
		return &d
	}
	mk := func(id, created, body string, ins ...graph.Interaction) *graph.Cable {
		c := &graph.Cable{ID: id, Created: day(created), Classification: graph.Confidential, Origin: "Embassy Dar Es Salaam",
			Subject: "PORTS AND FERRIES", Tags: []string{"EWWT", "TZ"}, Body: body}
		seen := map[string]bool{}
		for i := range ins {
			ins[i].Date = c.Created
			ins[i].Confidence = 0.5 + float64(i)/10
			for _, k := range []string{ins[i].A, ins[i].B} {
				if !seen[k] {
					seen[k] = true
					c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: strings.ToUpper(k[:1]) + k[1:], Surname: k, Count: 1, Paragraphs: []int{1}, How: []string{"name"}})
				}
			}
		}
		c.Interactions = ins
		return c
	}
	return []*graph.Cable{
		mk("09DARESSALAAM1", "2009-02-01", "1. (C) Smith met Jones about Zanzibar ferries. Brown told Green nothing.",
			graph.Interaction{A: "smith", B: "jones", Kind: graph.InteractionMet, Paragraph: 1, Evidence: "Smith met Jones about Zanzibar ferries.", Topics: []string{"EWWT"}},
			graph.Interaction{A: "brown", B: "green", Kind: graph.InteractionTold, Paragraph: 1, Evidence: "Brown told Green nothing.", Topics: []string{"EWWT"}}),
		mk("09DARESSALAAM2", "2009-03-01", "1. (C) Smith discussed Zanzibari trade with Brown. Jones and Green on ZANZIBAR.",
			graph.Interaction{A: "smith", B: "brown", Kind: graph.InteractionDiscussed, Paragraph: 1, Evidence: "Smith discussed Zanzibari trade with Brown."},
			graph.Interaction{A: "jones", B: "green", Kind: graph.InteractionCoMentioned, Paragraph: 1, Evidence: "Jones and Green on ZANZIBAR."}),
		// The sentence names the word, the cable's text does not.
		mk("09DARESSALAAM3", "2009-04-01", "1. (C) Smith phoned Green about the harbour.",
			graph.Interaction{A: "smith", B: "green", Kind: graph.InteractionPhoned, Paragraph: 1, Evidence: "Smith phoned Green about Zanzibar."}),
		mk("07DARESSALAAM4", "2007-05-01", "1. (C) Jones negotiated Zanzibar ferries with Brown; Pemba too.",
			graph.Interaction{A: "jones", B: "brown", Kind: graph.InteractionNegotiated, Paragraph: 1, Evidence: "Jones negotiated Zanzibar ferries with Brown; Pemba too.", Topics: []string{"PEMBA"}}),
		// U+212A KELVIN SIGN: Go lower-cases it to k, Cypher's toLower does not.
		mk("09DARESSALAAM5", "2009-06-01", "1. (C) Brown wrote to Smith on \u212aARUME of Pemba.",
			graph.Interaction{A: "brown", B: "smith", Kind: graph.InteractionWrote, Paragraph: 1, Evidence: "Brown wrote to Smith on \u212aARUME of Pemba."}),
		// U+0130: Go lower-cases it to i, Cypher's toLower to i and U+0307.
		mk("09DARESSALAAM6", "2009-07-01", "1. (C) Green met Brown in \u0130STANBUL.",
			graph.Interaction{A: "green", B: "brown", Kind: graph.InteractionMet, Paragraph: 1, Evidence: "Green met Brown in \u0130STANBUL."}),
	}
}

// TestNeo4jDiscussionsFindSentencesThroughEvidenceIndex asks about words
// that only sentences name (no topic, no tag): the pushdown, which looks
// them up in the interactedEvidence index, must answer exactly as the
// generic path (ListCables, then every interaction of those cables), and
// the pairs the sentences prove must be there.
func TestNeo4jDiscussionsFindSentencesThroughEvidenceIndex(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := zanzibarCables()
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	pushed, plain := query.New(n, nil), query.New(generic{n}, nil)
	since, until := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 12, 31, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		q graph.DiscussionQuery
		// want are pairs (a+b) the answer must hold, with their count.
		want map[string]int
	}{
		{graph.DiscussionQuery{Topic: "Zanzibar"}, map[string]int{"jones+smith": 1, "brown+jones": 1}},
		{graph.DiscussionQuery{Topic: "zanzibar", IncludeCoMentions: true}, map[string]int{"jones+smith": 1, "green+jones": 1, "brown+jones": 1}},
		{graph.DiscussionQuery{Topic: "Zanzibar", Since: &since, Until: &until}, map[string]int{"jones+smith": 1}},
		{graph.DiscussionQuery{Topic: "zanzibar ferries"}, map[string]int{"jones+smith": 1, "brown+jones": 1}},
		{graph.DiscussionQuery{Topic: "karume"}, map[string]int{"brown+smith": 1}},
		{graph.DiscussionQuery{Topic: "Istanbul"}, map[string]int{"brown+green": 1}},
		{graph.DiscussionQuery{Topic: "Pemba"}, map[string]int{"brown+jones": 1, "brown+smith": 1}},
		{graph.DiscussionQuery{Topic: "Pemba", Since: &since}, map[string]int{"brown+smith": 1}},
	} {
		q := tc.q
		q.First = query.MaxDiscussions
		want, werr := plain.Discussions(ctx, q)
		got, gerr := pushed.Discussions(ctx, q)
		if werr != nil || gerr != nil {
			t.Fatalf("discussions %+v: generic %v, pushed %v", q, werr, gerr)
		}
		if !reflect.DeepEqual(want, got) {
			t.Errorf("discussions %q (co %v, window %v): pushed differs from generic:\ngeneric %s\npushed  %s", q.Topic, q.IncludeCoMentions, q.Since != nil, brief(want), brief(got))
		}
		pairs := map[string]int{}
		for _, d := range got {
			pairs[d.A+"+"+d.B] = d.Count
		}
		if !reflect.DeepEqual(pairs, tc.want) {
			t.Errorf("discussions %q (co %v, window %v): pairs %v, want %v", q.Topic, q.IncludeCoMentions, q.Since != nil, pairs, tc.want)
		}
	}

	// The two text paths of the statement read the same interactions.
	words := []string{"Zanzibar", "pemba", "zanzibar ferries", "2009"}
	f := graph.InteractionFilter{Topics: []string{"nothing"}, IncludeCoMentions: true, Kinds: []string{graph.InteractionMet, graph.InteractionCoMentioned, graph.InteractionWrote, graph.InteractionNegotiated}}
	var params map[string]any
	{
		var textqs, split, lower, fields, evqs []any
		for _, w := range words {
			lw := strings.ToLower(w)
			textqs, lower = append(textqs, substringQuery(w)), append(lower, lw)
			split, fields = append(split, strs(strings.Fields(lw))), append(fields, strs(strings.Fields(lw)))
			evqs = append(evqs, evidenceQuery(lw))
		}
		params = map[string]any{"textqs": textqs, "twords": split, "tlw": lower, "cwords": fields, "evqs": evqs}
	}
	_, byIndex, err := n.discussionInteractions(ctx, f, words, params, discussionPlan{evidence: true}, nil)
	if err != nil {
		t.Fatalf("through the evidence index: %v", err)
	}
	_, byCables, err := n.discussionInteractions(ctx, f, words, params, discussionPlan{}, nil)
	if err != nil {
		t.Fatalf("through the cables: %v", err)
	}
	for i, w := range words {
		keep := func(ins []graph.Interaction) []string {
			var out []string
			for _, in := range ins {
				if strings.Contains(strings.ToLower(in.Evidence), strings.ToLower(w)) {
					out = append(out, in.Cable+" "+in.A+" "+in.B)
				}
			}
			return out
		}
		if a, b := keep(byIndex[i]), keep(byCables[i]); !reflect.DeepEqual(a, b) {
			t.Errorf("word %q: through the evidence index %v, through the cables %v", w, a, b)
		}
	}
	if len(byIndex[0]) == 0 || len(byIndex[1]) == 0 {
		t.Errorf("the evidence index found nothing for %q or %q: %d, %d", words[0], words[1], len(byIndex[0]), len(byIndex[1]))
	}
}

// syncBuffer is a log sink the store may write from its goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestNeo4jDiscussionsWithoutEvidenceIndex: a database created before the
// interactedEvidence index existed answers the same, through the cables,
// and says so at debug level.
func TestNeo4jDiscussionsWithoutEvidenceIndex(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := zanzibarCables()
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	var logs syncBuffer
	s, err := Open(ctx, Config{URI: n.uri, QueryTimeout: time.Minute,
		Logger: slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = s.Close(context.Background()) })
	pushed, plain := query.New(s, nil), query.New(generic{s}, nil)
	topics := []string{"Zanzibar", "Pemba", "karume", "istanbul", "zanzibar ferries"}
	ask := func(phase string) {
		t.Helper()
		for _, tp := range topics {
			q := graph.DiscussionQuery{Topic: tp, First: query.MaxDiscussions, IncludeCoMentions: true}
			want, werr := plain.Discussions(ctx, q)
			got, gerr := pushed.Discussions(ctx, q)
			if werr != nil || gerr != nil || !reflect.DeepEqual(want, got) || len(got) == 0 {
				t.Errorf("%s: discussions %q: generic %v %s, pushed %v %s", phase, tp, werr, brief(want), gerr, brief(got))
			}
		}
	}
	ask("with the index")
	if strings.Contains(logs.String(), "no interactedEvidence index") {
		t.Fatalf("the index exists, yet the store fell back:\n%s", logs.String())
	}
	if _, err := n.write(ctx, "drop evidence index", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, run(ctx, tx, "DROP INDEX interactedEvidence IF EXISTS", nil)
	}); err != nil {
		t.Fatalf("drop interactedEvidence: %v", err)
	}
	t.Cleanup(func() {
		if err := n.EnsureSchema(context.Background()); err != nil {
			t.Errorf("ensure schema: %v", err)
		}
	})
	ask("without the index")
	if !strings.Contains(logs.String(), "no interactedEvidence index") {
		t.Errorf("the fallback was not logged at debug:\n%s", logs.String())
	}
}
