package neo4jstore

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
	"github.com/cablegraph/cablegraph/internal/testenv"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// generic hides every optional interface of a Reader (the pushdowns), so
// that a Service over it asks the plain Reader methods: the answer the
// pushdowns must reproduce.
type generic struct{ graph.Reader }

// pushCorpus is the fixtures plus real shared cables chosen to give the
// relationship questions material: every cable tagged KV (Kosovo), IR or
// BR, and every 50th cable. Without ../shared it is the fixtures alone.
func pushCorpus(t *testing.T) []*graph.Cable {
	t.Helper()
	cables := storetest.Fixtures(t)
	shared := testenv.Find("")
	if shared == "" {
		t.Logf("../shared/data/cables not present: differential test over the fixtures only")
		return cables
	}
	root := filepath.Join(shared, "data", "cables", "cablegate-html-fragments")
	f, err := os.Open(filepath.Join(root, "index.csv"))
	if err != nil {
		t.Logf("../shared/data/cables not present (%v): differential test over the fixtures only", err)
		return cables
	}
	defer f.Close()
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	have := map[string]bool{}
	for _, c := range cables {
		have[c.ID] = true
	}
	r := csv.NewReader(f)
	header, err := r.Read()
	if err != nil {
		t.Fatalf("index.csv: %v", err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[h] = i
	}
	for n := 0; ; n++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("index.csv: %v", err)
		}
		tags := ", " + rec[col["tags_line"]] + ","
		pick := n%50 == 0 || strings.Contains(tags, " KV,") || strings.Contains(tags, " IR,") || strings.Contains(tags, " BR,")
		if !pick || have[rec[col["reference_id"]]] {
			continue
		}
		p := rec[col["path"]]
		data, err := os.ReadFile(filepath.Join(root, p))
		if err != nil {
			t.Fatalf("cable %s: %v", p, err)
		}
		c, err := parse.ParseRecord(parse.Record{Path: p, Format: graph.FormatHTML, Line: 1, Data: data})
		if err != nil {
			continue // the parser's tests own rejects
		}
		ex.Extract(c)
		have[c.ID] = true
		cables = append(cables, c)
	}
	return cables
}

// TestNeo4jPushdownsMatchGenericReads loads real cables into Neo4j and
// asks Discussions and Connection twice, once through the store's
// pushdowns (DiscussionsSource, LinkSource) and once through the plain
// Reader: every answer must be identical, pairs, order, counts, dates,
// evidence and the chain chosen on ties.
func TestNeo4jPushdownsMatchGenericReads(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := pushCorpus(t)
	start := time.Now()
	for start := 0; start < len(cables); start += 200 {
		batch := cables[start:min(start+200, len(cables))]
		if err := n.WriteCables(ctx, batch, hashesOf(batch)); err != nil {
			t.Fatalf("write: %v", err)
		}
	}
	t.Logf("wrote %d cables in %v", len(cables), time.Since(start).Round(time.Millisecond))
	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	pushed, plain := query.New(n, ex), query.New(generic{n}, ex)
	if _, ok := query.ReaderAs[query.DiscussionsSource](n); !ok {
		t.Fatal("the Neo4j store does not implement query.DiscussionsSource")
	}
	if _, ok := query.ReaderAs[query.DiscussionsSource](generic{n}); ok {
		t.Fatal("generic must hide the pushdowns")
	}

	// Topics: every tag and country code and name of the corpus, and
	// free words, some of them inside other words ("oil" in "turmoil").
	topicSet := map[string]bool{"energy": true, "oil": true, "nuclear": true, "Middle East": true, "sanctions": true,
		"human rights": true, "elections": true, "Lula": true, "kv": true}
	interacting := map[string]int{}
	for _, c := range cables {
		for _, tg := range c.Tags {
			topicSet[tg] = true
		}
		for _, k := range c.Countries {
			topicSet[k.Code], topicSet[k.Name] = true, true
		}
		for _, in := range c.Interactions {
			if in.Kind != graph.InteractionCoMentioned {
				interacting[in.A]++
				interacting[in.B]++
			}
		}
	}
	var all []string
	for tp := range topicSet {
		if strings.TrimSpace(tp) != "" {
			all = append(all, tp)
		}
	}
	sort.Strings(all)
	// A deterministic sample keeps the test within a minute or two.
	var topics []string
	for i, tp := range all {
		if i%6 == 0 || strings.ToLower(tp) == tp || tp == "KV" || tp == "Kosovo" {
			topics = append(topics, tp)
		}
	}
	since, until := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2009, 6, 30, 0, 0, 0, 0, time.UTC)
	variants := []graph.DiscussionQuery{
		{First: query.MaxDiscussions},
		{First: 5, IncludeCoMentions: true},
		{First: 50, Since: &since, Until: &until},
	}
	asked, nonEmpty := 0, 0
	for _, tp := range topics {
		for _, v := range variants {
			v.Topic = tp
			want, werr := plain.Discussions(ctx, v)
			got, gerr := pushed.Discussions(ctx, v)
			asked++
			if (werr == nil) != (gerr == nil) {
				t.Errorf("discussions %+v: errors differ: generic %v, pushed %v", v, werr, gerr)
				continue
			}
			if len(want) > 0 {
				nonEmpty++
			}
			if !reflect.DeepEqual(want, got) {
				t.Errorf("discussions %q (first %d, co %v, window %v): pushed differs from generic:\ngeneric %s\npushed  %s",
					tp, v.First, v.IncludeCoMentions, v.Since != nil, brief(want), brief(got))
			}
		}
	}
	t.Logf("discussions after %v", time.Since(start).Round(time.Millisecond))

	// A database loaded before the interactedTopics index existed gives
	// the same answers, scanning.
	if _, err := n.write(ctx, "drop topic index", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		return nil, run(ctx, tx, "DROP INDEX interactedTopics IF EXISTS", nil)
	}); err != nil {
		t.Fatalf("drop interactedTopics: %v", err)
	}
	for _, tp := range []string{"Kosovo", "KV", "Iran", "energy", "Middle East"} {
		v := graph.DiscussionQuery{Topic: tp, First: query.MaxDiscussions}
		want, werr := plain.Discussions(ctx, v)
		got, gerr := pushed.Discussions(ctx, v)
		if werr != nil || gerr != nil || !reflect.DeepEqual(want, got) {
			t.Errorf("discussions %q without the topic index: generic %v %s, pushed %v %s", tp, werr, brief(want), gerr, brief(got))
		}
	}
	if err := n.EnsureSchema(ctx); err != nil {
		t.Fatalf("ensure schema: %v", err)
	}
	t.Logf("discussions: %d questions over %d topics, %d with pairs, %d cables", asked, len(topics), nonEmpty, len(cables))
	if len(cables) > 200 && nonEmpty < 40 {
		t.Errorf("only %d discussions questions had an answer: the comparison proves little", nonEmpty)
	}

	// Person pairs among the most interacting persons, both ways round,
	// with shared cables and within a window too.
	var persons []string
	for p := range interacting {
		persons = append(persons, p)
	}
	sort.Slice(persons, func(i, j int) bool {
		if interacting[persons[i]] != interacting[persons[j]] {
			return interacting[persons[i]] > interacting[persons[j]]
		}
		return persons[i] < persons[j]
	})
	persons = persons[:min(len(persons), 10)]
	found := 0
	for i, a := range persons {
		for j, b := range persons {
			if i == j {
				continue
			}
			qs := []graph.ConnectionQuery{{A: a, B: b, MaxHops: 4}}
			if (i+j)%3 == 0 {
				qs = append(qs, graph.ConnectionQuery{A: a, B: b, MaxHops: 3, SharedCables: true},
					graph.ConnectionQuery{A: a, B: b, MaxHops: 6, Since: &since, Until: &until})
			}
			for _, q := range qs {
				want, werr := plain.Connection(ctx, q)
				got, gerr := pushed.Connection(ctx, q)
				if (werr == nil) != (gerr == nil) {
					t.Errorf("connection %+v: errors differ: generic %v, pushed %v", q, werr, gerr)
					continue
				}
				if werr == nil && len(want.Persons) > 1 {
					found++
				}
				if !reflect.DeepEqual(want, got) {
					t.Errorf("connection %s -> %s (hops %d, shared %v): pushed differs:\ngeneric %+v\npushed  %+v", a, b, q.MaxHops, q.SharedCables, want, got)
				}
			}
		}
	}
	t.Logf("connection: %d persons, %d chains found", len(persons), found)
	if len(cables) > 200 && found < 15 {
		t.Errorf("only %d connections found: the comparison proves little", found)
	}
}

func brief(ds []graph.Discussion) string {
	var b strings.Builder
	for i, d := range ds {
		if i == 8 {
			fmt.Fprintf(&b, " ... (%d)", len(ds))
			break
		}
		fmt.Fprintf(&b, "[%s %s n=%d s=%.3f c=%d e=%d] ", d.A, d.B, d.Count, d.Score, len(d.Cables), len(d.Evidence))
	}
	return b.String()
}

func TestTopicIndexQuery(t *testing.T) {
	for _, tc := range []struct {
		topics []string
		want   string
	}{
		{[]string{"KV", "Kosovo"}, `"kv" OR "kosovo"`},
		{[]string{"Middle East"}, `"middle east"`},
		{[]string{"G-8", "u.s."}, `"g" OR "u s"`},
		{[]string{"KV", "2008"}, ""},     // no letter: nothing to ask
		{[]string{"Kosovo", "Köln"}, ""}, // not ASCII
		{nil, ""},
	} {
		if got := topicIndexQuery(tc.topics); got != tc.want {
			t.Errorf("topicIndexQuery(%q) = %q, want %q", tc.topics, got, tc.want)
		}
	}
}
