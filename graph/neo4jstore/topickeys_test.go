package neo4jstore

import (
	"context"
	"log/slog"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func TestTopicKeys(t *testing.T) {
	for _, tc := range []struct {
		name         string
		kind         string
		topics, tags []string
		want         any
	}{
		{"co-mention carries none", graph.InteractionCoMentioned, []string{"Kosovo"}, []string{"KV"}, nil},
		{"topics and tags lower-cased, distinct, sorted", graph.InteractionMet, []string{"Kosovo", "KV", "energy"}, []string{"PREL", "KV", ""},
			[]any{"energy", "kosovo", "kv", "prel"}},
		{"nothing gives an empty list", graph.InteractionMet, nil, nil, []any{}},
		{"empty tag codes are not tags", graph.InteractionWrote, nil, []string{""}, []any{}},
		{"U+0130 as Cypher lowers it", graph.InteractionTold, []string{"\u0130STANBUL"}, nil, []any{"i\u0307stanbul"}},
		{"Kelvin sign lowers to k", graph.InteractionTold, []string{"\u212aARUME"}, nil, []any{"karume"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := topicKeys(tc.kind, tc.topics, tc.tags); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("topicKeys(%q, %q, %q) = %#v, want %#v", tc.kind, tc.topics, tc.tags, got, tc.want)
			}
		})
	}
}

func TestTopicKeysUsable(t *testing.T) {
	for _, tc := range []struct {
		f    graph.InteractionFilter
		want bool
	}{
		{graph.InteractionFilter{}, true},
		{graph.InteractionFilter{Kinds: []string{graph.InteractionMet}}, true},
		{graph.InteractionFilter{IncludeCoMentions: true}, false},
		{graph.InteractionFilter{Kinds: []string{graph.InteractionMet, graph.InteractionCoMentioned}}, false},
	} {
		if got := topicKeysUsable(tc.f); got != tc.want {
			t.Errorf("topicKeysUsable(%+v) = %v, want %v", tc.f, got, tc.want)
		}
	}
}

// topicKeysCables add to zanzibarCables what the keys must get right:
// mixed-case topics and tags naming the same key, U+0130, a cable with
// no tags and an interaction with no topics, a co-mention with topics.
func topicKeysCables() []*graph.Cable {
	d := time.Date(2008, 3, 1, 0, 0, 0, 0, time.UTC)
	person := func(k string) graph.PersonMention {
		return graph.PersonMention{Key: k, Name: strings.ToUpper(k[:1]) + k[1:], Surname: k, Count: 1, Paragraphs: []int{1}, How: []string{"name"}}
	}
	in := func(a, b, kind, ev string, topics ...string) graph.Interaction {
		return graph.Interaction{A: a, B: b, Kind: kind, Paragraph: 1, Evidence: ev, Topics: topics, Date: &d, Confidence: 0.7}
	}
	return []*graph.Cable{
		{ID: "08PRISTINA1", Created: &d, Classification: graph.Confidential, Origin: "Embassy Pristina", Subject: "KOSOVO STATUS",
			Tags: []string{"PREL", "KV"}, Body: "1. (C) Smith met Jones on Kosovo. Brown told Green of energy.",
			Persons: []graph.PersonMention{person("smith"), person("jones"), person("brown"), person("green")},
			Interactions: []graph.Interaction{
				in("smith", "jones", graph.InteractionMet, "Smith met Jones on Kosovo.", "Kosovo", "kosovo"),
				in("brown", "green", graph.InteractionTold, "Brown told Green of energy.", "Energy"),
				in("smith", "green", graph.InteractionCoMentioned, "Smith and Green on Kosovo.", "Kosovo"),
			}},
		{ID: "08ANKARA1", Created: &d, Classification: graph.Unclassified, Origin: "Embassy Ankara", Subject: "VISIT",
			Body:    "1. Green met Jones in \u0130stanbul on Kosovo.",
			Persons: []graph.PersonMention{person("green"), person("jones"), person("brown")},
			Interactions: []graph.Interaction{
				in("green", "jones", graph.InteractionMet, "Green met Jones in \u0130stanbul on Kosovo.", "\u0130stanbul", "KV"),
				in("jones", "brown", graph.InteractionPhoned, "Jones phoned Brown."),
				in("brown", "green", graph.InteractionWrote, "Brown wrote to Green on kosovo energy.", "ENERGY"),
			}},
	}
}

// TestNeo4jTopicKeysMatchFallback holds the topic-keys statement to the
// one it replaces over many questions, on a database this version wrote;
// then makes it an older one (no keys, no flag): a new Store sees no flag
// and answers through the fallback, the same; EnsureSchema backfills the
// keys exactly as the write path computes them, sets the flag, and the
// keys path answers the same again.
func TestNeo4jTopicKeysMatchFallback(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := append(zanzibarCables(), topicKeysCables()...)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	if !n.topicKeysOn(ctx) {
		t.Fatal("EnsureSchema on an empty database did not set the topic keys flag")
	}
	since, until := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 3, 31, 0, 0, 0, 0, time.UTC)
	bases := []graph.InteractionFilter{
		{}, {Since: &since}, {Since: &since, Until: &until},
		{Kinds: []string{graph.InteractionMet, graph.InteractionWrote}},
		{Kinds: []string{graph.InteractionMet, graph.InteractionCoMentioned}}, {IncludeCoMentions: true},
	}
	topicSets := [][]string{
		{"kosovo"}, {"Kosovo", "KV"}, {"kv"}, {"energy"}, {"EWWT"}, {"pemba"}, {"istanbul"}, {"\u0130stanbul"},
		{"tz", "prel"}, {"karume"}, {"nothing"},
	}
	wordSets := [][]string{nil, {"kosovo"}, {"zanzibar", "2009"}}
	weights := map[string]float64{graph.InteractionMet: 1, graph.InteractionCoMentioned: 0.3}
	keysTaken := 0
	// statements compares, for every question, the statement with the keys
	// path forced on and off (the cached flag decides which runs).
	statements := func(s *Store, phase string) {
		t.Helper()
		for _, base := range bases {
			for _, topics := range topicSets {
				for _, words := range wordSets {
					for _, first := range []int{0, 1} {
						read := func(on bool) ([]graph.Interaction, [][]graph.Interaction) {
							s.topicKeys.set(on)
							top, byWord, ok, err := s.DiscussionPageInteractions(ctx, base, topics, words, first, weights, 0.5)
							if err != nil || !ok {
								t.Fatalf("%s: %+v %q %q: ok %v, %v", phase, base, topics, words, ok, err)
							}
							return top, byWord
						}
						wantTop, wantWords := read(false)
						gotTop, gotWords := read(true)
						if topicIndexQuery(topics) != "" && topicKeysUsable(base) {
							keysTaken++
						}
						if !reflect.DeepEqual(wantTop, gotTop) || !reflect.DeepEqual(wantWords, gotWords) {
							t.Errorf("%s: %+v topics %q words %q first %d: keys path differs:\nfallback %v %v\nkeys     %v %v",
								phase, base, topics, words, first, wantTop, wantWords, gotTop, gotWords)
						}
					}
				}
			}
		}
	}
	// answers compares whole discussions questions with the generic path.
	answers := func(s *Store, phase string) {
		t.Helper()
		pushed, plain := query.New(s, nil), query.New(generic{s}, nil)
		for _, tp := range []string{"Kosovo", "kv", "energy", "Zanzibar", "istanbul", "Pemba", "PREL"} {
			for _, co := range []bool{false, true} {
				q := graph.DiscussionQuery{Topic: tp, First: query.MaxDiscussions, IncludeCoMentions: co}
				want, werr := plain.Discussions(ctx, q)
				got, gerr := pushed.Discussions(ctx, q)
				if werr != nil || gerr != nil || !reflect.DeepEqual(want, got) {
					t.Errorf("%s: discussions %q co %v: generic %v %s, pushed %v %s", phase, tp, co, werr, brief(want), gerr, brief(got))
				}
			}
		}
		if want, _ := plain.Discussions(ctx, graph.DiscussionQuery{Topic: "Kosovo", First: 10}); len(want) == 0 {
			t.Errorf("%s: no discussion of Kosovo: the test asks nothing", phase)
		}
	}
	statements(n, "written")
	n.topicKeys.set(true)
	answers(n, "written")
	if keysTaken == 0 {
		t.Fatal("no question took the keys path")
	}

	// An older database: no keys, no flag.
	if _, err := n.write(ctx, "make old", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		if err := run(ctx, tx, `MATCH ()-[r:INTERACTED]->() REMOVE r.topicKeys`, nil); err != nil {
			return nil, err
		}
		return nil, run(ctx, tx, `MATCH (s:LoadState {name: $name}) DELETE s`, map[string]any{"name": topicKeysState})
	}); err != nil {
		t.Fatalf("remove the keys: %v", err)
	}
	old, err := Open(ctx, Config{URI: n.uri, QueryTimeout: time.Minute, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = old.Close(context.Background()) })
	if old.topicKeysOn(ctx) {
		t.Fatal("a database without topic keys reads as having them")
	}
	answers(old, "old database")

	if err := old.EnsureSchema(ctx); err != nil {
		t.Fatalf("ensure schema (backfill): %v", err)
	}
	fresh, err := Open(ctx, Config{URI: n.uri, QueryTimeout: time.Minute})
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	t.Cleanup(func() { _ = fresh.Close(context.Background()) })
	if !fresh.topicKeysOn(ctx) {
		t.Fatal("the backfill did not set the topic keys flag")
	}
	// The backfill's keys are the write path's.
	tags := map[string][]string{}
	for _, c := range cables {
		tags[c.ID] = c.Tags
	}
	recs, err := fresh.readOne(ctx, "keys", `MATCH ()-[r:INTERACTED]->() RETURN r.kind, r.topics, r.cable, r.topicKeys`, nil)
	if err != nil {
		t.Fatalf("read keys: %v", err)
	}
	if len(recs) == 0 {
		t.Fatal("no interactions")
	}
	for _, rec := range recs {
		kind, cable := str(rec.Values[0]), str(rec.Values[2])
		want := topicKeys(kind, strList(rec.Values[1]), tags[cable])
		var got any
		if rec.Values[3] != nil {
			keys := strList(rec.Values[3])
			slices.Sort(keys)
			got = strs(keys)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s %s %q: backfilled keys %#v, written %#v", cable, kind, rec.Values[1], got, want)
		}
	}
	answers(fresh, "backfilled")
	statements(fresh, "backfilled")
}

// TestImportWriterTopicKeys: the import's interacted.csv carries each
// interaction's topic keys as the Bolt writer's rows hold them (an empty
// list is absent there; FinishImport's backfill writes it).
func TestImportWriterTopicKeys(t *testing.T) {
	dir, cables := importTopicFixtures(t)
	recs := readCSVRecords(t, filepath.Join(dir, "interacted.csv"))
	col := slices.Index(recs[0], topicKeysProp+":string[]")
	if col < 0 {
		t.Fatalf("interacted.csv header %q has no %s column", recs[0], topicKeysProp)
	}
	var got []string
	for _, r := range recs[1:] {
		got = append(got, r[col])
	}
	b, err := buildRows(cables, hashesOf(cables))
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, r := range b.interacted {
		keys, _ := r.(map[string]any)[topicKeysProp].([]any)
		var s []string
		for _, k := range keys {
			s = append(s, k.(string))
		}
		want = append(want, strings.Join(s, "\x1f"))
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("topicKeys column %q, want %q", got, want)
	}
	if !slices.Contains(want, "ewwt\x1ftz") || !slices.Contains(want, "") {
		t.Errorf("the fixtures lack keyed or unkeyed interactions: %q", want)
	}
}
