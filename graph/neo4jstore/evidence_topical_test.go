package neo4jstore

import (
	"context"
	"encoding/csv"
	"os"
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

// TestNeo4jTopicEvidenceMatchesOldIndex holds the discussions statement
// asking interactedTopicEvidence to the same statement asking
// interactedEvidence (the mark removed), over many questions, on a
// database this version wrote; checks that every non-co-mention carries
// its evidence copy and no co-mention does; then makes the database an
// older one (no copies, no mark) and checks that EnsureSchema backfills
// the copies as the write path writes them and sets the mark.
func TestNeo4jTopicEvidenceMatchesOldIndex(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := append(zanzibarCables(), topicKeysCables()...)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	checkCopies := func(s *Store, phase string) {
		t.Helper()
		recs, err := s.readOne(ctx, "copies", `MATCH ()-[r:INTERACTED]->() RETURN r.kind, r.evidence, r.`+topicEvidenceProp, nil)
		if err != nil {
			t.Fatalf("%s: read copies: %v", phase, err)
		}
		var co, own int
		for _, rec := range recs {
			kind, got := str(rec.Values[0]), rec.Values[2]
			var want any
			if kind != graph.InteractionCoMentioned {
				want = rec.Values[1]
				own++
			} else {
				co++
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %s %q: topicEvidence %#v, want %#v", phase, kind, rec.Values[1], got, want)
			}
		}
		if co == 0 || own == 0 {
			t.Fatalf("%s: %d co-mentions, %d others: the test checks nothing", phase, co, own)
		}
	}
	setMark := func(s *Store, on bool) {
		t.Helper()
		cy := `MATCH (s:LoadState {name: $name}) DELETE s`
		if on {
			cy = markExact(topicEvidenceState)
		}
		if _, err := s.write(ctx, "mark", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			return nil, run(ctx, tx, cy, map[string]any{"name": topicEvidenceState})
		}); err != nil {
			t.Fatalf("set mark %v: %v", on, err)
		}
	}
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	bases := []graph.InteractionFilter{
		{}, {Since: &since}, {Kinds: []string{graph.InteractionMet, graph.InteractionWrote}}, {IncludeCoMentions: true},
	}
	topicSets := [][]string{{"kosovo"}, {"Kosovo", "KV"}, {"energy"}, {"pemba"}, {"nothing"}}
	wordSets := [][]string{{"kosovo"}, {"energy"}, {"zanzibar", "2009"}, {"jones", "kosovo"}}
	weights := map[string]float64{graph.InteractionMet: 1, graph.InteractionCoMentioned: 0.3}
	kept := 0
	// statements compares, for every question, the statement with the
	// mark set (the new index) and removed (the old one).
	statements := func(s *Store, phase string) {
		t.Helper()
		for _, base := range bases {
			for _, topics := range topicSets {
				for _, words := range wordSets {
					for _, first := range []int{0, 1} {
						read := func(on bool) ([]graph.Interaction, [][]graph.Interaction) {
							setMark(s, on)
							top, byWord, ok, err := s.DiscussionPageInteractions(ctx, base, topics, words, first, weights, 0.5)
							if err != nil || !ok {
								t.Fatalf("%s: %+v %q %q: ok %v, %v", phase, base, topics, words, ok, err)
							}
							return top, byWord
						}
						wantTop, wantWords := read(false)
						gotTop, gotWords := read(true)
						for _, w := range gotWords {
							kept += len(w)
						}
						if !reflect.DeepEqual(wantTop, gotTop) || !reflect.DeepEqual(wantWords, gotWords) {
							t.Errorf("%s: %+v topics %q words %q first %d: topic evidence path differs:\nold %v %v\nnew %v %v",
								phase, base, topics, words, first, wantTop, wantWords, gotTop, gotWords)
						}
					}
				}
			}
		}
		setMark(s, true)
	}
	// answers compares whole discussions questions with the generic path.
	answers := func(s *Store, phase string) {
		t.Helper()
		pushed, plain := query.New(s, nil), query.New(generic{s}, nil)
		for _, tp := range []string{"Kosovo", "energy", "Zanzibar", "Pemba", "jones"} {
			for _, co := range []bool{false, true} {
				q := graph.DiscussionQuery{Topic: tp, First: query.MaxDiscussions, IncludeCoMentions: co}
				want, werr := plain.Discussions(ctx, q)
				got, gerr := pushed.Discussions(ctx, q)
				if werr != nil || gerr != nil || !reflect.DeepEqual(want, got) {
					t.Errorf("%s: discussions %q co %v: generic %v %s, pushed %v %s", phase, tp, co, werr, brief(want), gerr, brief(got))
				}
			}
		}
	}
	checkCopies(n, "written")
	statements(n, "written")
	if kept == 0 {
		t.Fatal("no question kept a sentence through the evidence part: the comparison checks little")
	}
	answers(n, "written")

	// An older database: no copies, no mark.
	if _, err := n.write(ctx, "make old", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		if err := run(ctx, tx, `MATCH ()-[r:INTERACTED]->() REMOVE r.`+topicEvidenceProp, nil); err != nil {
			return nil, err
		}
		return nil, run(ctx, tx, `MATCH (s:LoadState {name: $name}) DELETE s`, map[string]any{"name": topicEvidenceState})
	}); err != nil {
		t.Fatalf("remove the copies: %v", err)
	}
	answers(n, "old database")
	if err := n.EnsureSchema(ctx); err != nil {
		t.Fatalf("ensure schema (backfill): %v", err)
	}
	recs, err := n.readOne(ctx, "mark", markReady(topicEvidenceState), nil)
	if err != nil || len(recs) != 1 || recs[0].Values[0] != true {
		t.Fatalf("the backfill did not set the mark: %v %v", recs, err)
	}
	checkCopies(n, "backfilled")
	answers(n, "backfilled")
}

func TestEvidenceHits(t *testing.T) {
	for _, tc := range []struct {
		topical    bool
		want, deny string
	}{
		{false, "'interactedEvidence'", "interactedTopicEvidence"},
		{true, "'interactedTopicEvidence'", "\x00"},
	} {
		got := evidenceHits(tc.topical)
		if !strings.Contains(got, tc.want) || strings.Contains(got, tc.deny) {
			t.Errorf("evidenceHits(%v) = %s: want %s, not %q", tc.topical, got, tc.want, tc.deny)
		}
	}
	if !strings.Contains(evidenceHits(true), "'interactedEvidence'") {
		t.Error("evidenceHits(true) has no fallback to interactedEvidence for a database without the mark")
	}
}

// TestImportWriterTopicEvidence: the import's interacted.csv carries each
// non-co-mention's evidence as its topicEvidence, as cyInteracted writes
// it, and nothing for a co-mention; its loadstate.csv marks the topic
// evidence written, so EnsureSchema after the import skips its back-fill,
// but not the topic keys (their back-fill writes the empty lists the
// importer cannot).
func TestImportWriterTopicEvidence(t *testing.T) {
	dir, _ := importTopicFixtures(t)
	recs := readCSVRecords(t, filepath.Join(dir, "interacted.csv"))
	kind, ev, te := slices.Index(recs[0], "kind"), slices.Index(recs[0], "evidence"), slices.Index(recs[0], topicEvidenceProp)
	if kind < 0 || ev < 0 || te < 0 {
		t.Fatalf("interacted.csv header %q lacks kind, evidence or %s", recs[0], topicEvidenceProp)
	}
	var co, other int
	for _, r := range recs[1:] {
		want := r[ev]
		if r[kind] == graph.InteractionCoMentioned {
			want = ""
			co++
		} else {
			other++
		}
		if r[te] != want {
			t.Errorf("%s interaction %q: topicEvidence %q, want %q", r[kind], r[ev], r[te], want)
		}
	}
	if co == 0 || other == 0 {
		t.Errorf("the fixtures lack co-mentions (%d) or other interactions (%d)", co, other)
	}
	marks := map[string]bool{}
	for _, r := range readCSVRecords(t, filepath.Join(dir, "loadstate.csv"))[1:] {
		marks[r[0]] = true
	}
	if !marks[topicEvidenceState] || marks[topicKeysState] {
		t.Errorf("loadstate.csv marks %v, want %s and not %s", marks, topicEvidenceState, topicKeysState)
	}
}

// importTopicFixtures writes the topic fixtures (zanzibarCables and
// topicKeysCables) with an ImportWriter into a new folder, returned with
// the cables.
func importTopicFixtures(t *testing.T) (dir string, cables []*graph.Cable) {
	t.Helper()
	ctx := context.Background()
	dir = filepath.Join(t.TempDir(), "imp")
	w, err := NewImportWriter(dir, nil)
	if err != nil {
		t.Fatal(err)
	}
	cables = append(zanzibarCables(), topicKeysCables()...)
	if err := w.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	if err := w.Close(ctx); err != nil {
		t.Fatalf("close: %v", err)
	}
	return dir, cables
}

// readCSVRecords reads a CSV file the import writer wrote, header first.
func readCSVRecords(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) < 2 {
		t.Fatalf("%s: %d records, %v", path, len(recs), err)
	}
	return recs
}
