package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// partnersKinds are the kinds the random corpus draws from, co-mentions
// (which make no partners) weighted up.
var partnersKinds = []string{graph.InteractionMet, graph.InteractionTold, graph.InteractionDiscussed,
	graph.InteractionCoMentioned, graph.InteractionCoMentioned}

// partnersCorpus is n cables over persons p00..p(persons-1), each
// mentioning two to four of them and holding up to five interactions
// among them (self-interactions and co-mentions included), drawn from
// seed. Cable i of any seed has the same id, so a second seed replaces
// the first's facts.
func partnersCorpus(seed uint64, n, persons int) []*graph.Cable {
	r := rand.New(rand.NewPCG(seed, 7))
	out := make([]*graph.Cable, 0, n)
	for i := range n {
		d := time.Date(2000+r.IntN(10), time.Month(1+r.IntN(12)), 1, 0, 0, 0, 0, time.UTC)
		id := fmt.Sprintf("09PARTNERS%d", i)
		c := &graph.Cable{ID: id, Created: &d, Subject: "PARTNERS " + id, Origin: "Embassy Nowhere",
			Classification: graph.Confidential, Body: "text " + id,
			Paragraphs: []graph.Paragraph{{Number: 1, Text: "text " + id}}}
		var keys []string
		for range 2 + r.IntN(3) {
			k := fmt.Sprintf("p%02d", r.IntN(persons))
			if !slices.Contains(keys, k) {
				keys = append(keys, k)
				c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: "Person " + k, Surname: k, Count: 1, Paragraphs: []int{1}})
			}
		}
		for p := range r.IntN(6) {
			a, b := keys[r.IntN(len(keys))], keys[r.IntN(len(keys))]
			kind := partnersKinds[r.IntN(len(partnersKinds))]
			c.Interactions = append(c.Interactions, graph.Interaction{A: a, B: b, Kind: kind, Cable: id, Paragraph: p + 1,
				Evidence: fmt.Sprintf("%s %s %s (%d).", a, kind, b, p), Date: &d, Confidence: 1})
		}
		out = append(out, c)
	}
	return out
}

// wantPartners computes every mentioned person's partners from cables
// directly (the last version of each cable id counts): what the stored
// aggregate must be.
func wantPartners(cables []*graph.Cable) map[string][]string {
	last := map[string]*graph.Cable{}
	for _, c := range cables {
		last[c.ID] = c
	}
	sets := map[string]map[string]bool{}
	for _, c := range last {
		for _, p := range c.Persons {
			if sets[p.Key] == nil {
				sets[p.Key] = map[string]bool{}
			}
		}
		for _, in := range c.Interactions {
			if in.Kind != graph.InteractionCoMentioned && in.A != in.B {
				sets[in.A][in.B], sets[in.B][in.A] = true, true
			}
		}
	}
	out := map[string][]string{}
	for k, s := range sets {
		out[k] = sortedKeys(s)
	}
	return out
}

func sortedKeys(s map[string]bool) []string {
	out := []string{}
	for k := range s {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// storedPartners reads every person's partners property, and the same
// recomputed from the INTERACTED relationships by an independent statement.
func storedPartners(ctx context.Context, t *testing.T, n *Store) (stored, recomputed map[string][]string) {
	t.Helper()
	recs, err := n.readOne(ctx, "test partners", `MATCH (p:Person)
OPTIONAL MATCH (p)-[r:INTERACTED]-(q:Person)
RETURN p.key, p.partners, collect(CASE WHEN r.kind <> 'coMentioned' AND q.key <> p.key THEN q.key END)`, nil)
	if err != nil {
		t.Fatalf("read partners: %v", err)
	}
	stored, recomputed = map[string][]string{}, map[string][]string{}
	for _, r := range recs {
		k := str(r.Values[0])
		if r.Values[1] != nil && len(strList(r.Values[1])) == 0 {
			t.Errorf("%s: partners stored as an empty list (the import writes none as absent)", k)
		}
		stored[k] = append([]string{}, strList(r.Values[1])...)
		recomputed[k] = distinct(strList(r.Values[2]))
		if recomputed[k] == nil {
			recomputed[k] = []string{}
		}
	}
	return stored, recomputed
}

// importPartners is every person's partners as an ImportWriter of cables
// writes them.
func importPartners(ctx context.Context, t *testing.T, cables []*graph.Cable) map[string][]string {
	t.Helper()
	w, err := NewImportWriter(t.TempDir(), nil)
	if err != nil {
		t.Fatalf("import writer: %v", err)
	}
	if err := w.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("import write: %v", err)
	}
	out := map[string][]string{}
	for _, k := range w.fresh.personOrder {
		out[k] = unionPartners([]string{}, w.fresh.persons[k].partners)
	}
	if err := w.Close(ctx); err != nil {
		t.Fatalf("import close: %v", err)
	}
	return out
}

// checkPartners compares the stored partners with the INTERACTED
// relationships, with cables (the current version of the graph) and with
// what the import of current writes.
func checkPartners(ctx context.Context, t *testing.T, n *Store, step string, cables, current []*graph.Cable) {
	t.Helper()
	stored, recomputed := storedPartners(ctx, t, n)
	if !reflect.DeepEqual(stored, recomputed) {
		t.Errorf("%s: stored partners differ from the relationships':\nstored     %v\nrecomputed %v", step, stored, recomputed)
	}
	if want := wantPartners(cables); !reflect.DeepEqual(stored, want) {
		t.Errorf("%s: stored partners differ from the cables':\nstored %v\nwant   %v", step, stored, want)
	}
	if imp := importPartners(ctx, t, current); !reflect.DeepEqual(stored, imp) {
		t.Errorf("%s: stored partners differ from the import's:\nstored %v\nimport %v", step, stored, imp)
	}
	recs, err := n.readOne(ctx, "test pairs", `MATCH (a)-[r:INTERACTED]->(b)
RETURN count(r), count(r.pair),
  count(CASE WHEN r.kind = 'coMentioned' AND r.pair IS NOT NULL
    OR r.kind <> 'coMentioned' AND (r.pair IS NULL OR r.pair <> a.key + $sep + b.key) THEN 1 END)`,
		map[string]any{"sep": pairSep})
	if err != nil {
		t.Fatalf("read pairs: %v", err)
	}
	if v := recs[0].Values; v[2].(int64) != 0 || v[1].(int64) == 0 || v[1].(int64) == v[0].(int64) {
		t.Errorf("%s: of %d interactions, %d carry a pair, %d wrongly (co-mentions carry none, the others a>b)", step, v[0], v[1], v[2])
	}
	nonEmpty := 0
	for _, ps := range stored {
		if len(ps) > 0 {
			nonEmpty++
		}
	}
	if nonEmpty < 5 {
		t.Errorf("%s: only %d persons with partners: the corpus tests nothing", step, nonEmpty)
	}
}

// current is the last version of each cable id, in id order.
func current(cables []*graph.Cable) []*graph.Cable {
	last := map[string]*graph.Cable{}
	for _, c := range cables {
		last[c.ID] = c
	}
	out := make([]*graph.Cable, 0, len(last))
	for _, c := range last {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *graph.Cable) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// TestNeo4jPartnersExactAfterWrites loads a random corpus in batches, then
// replaces part of it (other interactions), empties some cables (persons
// and interactions go), and replaces more inside a bulk load: after each
// step every person's partners equal those recomputed from the
// relationships, from the cables, and those the import writes.
func TestNeo4jPartnersExactAfterWrites(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	var all []*graph.Cable
	write := func(cs []*graph.Cable) {
		t.Helper()
		for i := 0; i < len(cs); i += 7 {
			batch := cs[i:min(i+7, len(cs))]
			if err := n.WriteCables(ctx, batch, hashesOf(batch)); err != nil {
				t.Fatalf("write: %v", err)
			}
			all = append(all, batch...)
		}
	}
	write(partnersCorpus(1, 60, 25))
	checkPartners(ctx, t, n, "first load", all, current(all))

	write(partnersCorpus(2, 30, 25)) // cables 0..29 replaced
	checkPartners(ctx, t, n, "replacements", all, current(all))

	var emptied []*graph.Cable
	for _, c := range partnersCorpus(3, 45, 25)[20:] { // cables 20..44 lose persons and interactions
		c.Persons, c.Interactions = nil, nil
		emptied = append(emptied, c)
	}
	write(emptied)
	checkPartners(ctx, t, n, "deletions", all, current(all))

	if err := n.BeginBulk(ctx); err != nil {
		t.Fatalf("begin bulk: %v", err)
	}
	more := partnersCorpus(4, 80, 25)[10:] // cables 10..79: replaced, refilled and new
	write(more)
	if err := n.FinishBulk(ctx); err != nil {
		t.Fatalf("finish bulk: %v", err)
	}
	checkPartners(ctx, t, n, "bulk load", all, current(all))
}

// normChain orders an answer's proof and persons (any order is right).
func normChain(a graph.ChainAnswer) graph.ChainAnswer {
	slices.SortFunc(a.Proof, func(x, y graph.Interaction) int {
		return cmp.Or(cmp.Compare(x.Cable, y.Cable), cmp.Compare(x.Paragraph, y.Paragraph), cmp.Compare(x.A, y.A),
			cmp.Compare(x.B, y.B), cmp.Compare(x.Kind, y.Kind))
	})
	slices.SortFunc(a.Persons, func(x, y *graph.Person) int { return cmp.Compare(x.Key, y.Key) })
	return a
}

// TestNeo4jPartnersChainMatchesStatement asks ShortestChain (which answers
// the default filter from partners) and the statement it replaces the
// chain between every ordered pair of the random corpus's persons, at
// several maxHops and maxVisited: the answers must be identical, and the
// partners must have answered the one- and two-link chains. A sample of
// pairs also goes through the search over the plain Reader.
func TestNeo4jPartnersChainMatchesStatement(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	// Dense enough that most pairs without a direct link have several
	// middles; chainCorpus adds chains of three links and more, a pair
	// alone and a self-interaction.
	cables := append(partnersCorpus(5, 120, 20), chainCorpus()...)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	keys := []string{"nobody", "alpha", "bravo", "charlie", "echo", "lima", "november", "oscar"}
	for i := range 20 {
		keys = append(keys, fmt.Sprintf("p%02d", i))
	}
	var f graph.InteractionFilter
	answered := map[int]int{} // chain length -> exact answers from partners
	for _, a := range keys {
		for _, b := range keys {
			if a == b {
				continue
			}
			for _, hops := range []int{1, 2, 4} {
				for _, visited := range []int{5, 1000} {
					want, werr := n.statementChain(ctx, a, b, hops, visited, f)
					got, gerr := n.ShortestChain(ctx, a, b, hops, visited, f)
					if werr != nil || gerr != nil {
						t.Fatalf("%s-%s: errors: statement %v, partners %v", a, b, werr, gerr)
					}
					if !reflect.DeepEqual(normChain(want), normChain(got)) {
						t.Errorf("%s-%s hops %d visited %d: partners differ:\nstatement %+v\npartners  %+v", a, b, hops, visited, want, got)
					}
					if _, ok, err := n.partnersChain(ctx, a, b, hops, visited); err != nil {
						t.Fatalf("partners chain: %v", err)
					} else if ok && got.Exact {
						answered[len(got.Chain)]++
					}
				}
			}
		}
	}
	if answered[2] == 0 || answered[3] == 0 {
		t.Errorf("partners answered no direct or no two-link chain: %v", answered)
	}

	ex, err := extract.New(extract.Options{})
	if err != nil {
		t.Fatalf("extract.New: %v", err)
	}
	pushed, plain := query.New(n, ex), query.New(generic{n}, ex)
	for i, a := range keys {
		for _, b := range keys[i%3+1:] {
			if (i+len(b))%4 != 0 {
				continue // a quarter of the pairs: the search asks many statements
			}
			q := graph.ConnectionQuery{A: a, B: b, MaxHops: 4}
			want, werr := plain.Connection(ctx, q)
			got, gerr := pushed.Connection(ctx, q)
			if (werr == nil) != (gerr == nil) || !reflect.DeepEqual(want, got) {
				t.Errorf("%+v: pushed differs from the search:\nsearch %+v (%v)\npushed %+v (%v)", q, want, werr, got, gerr)
			}
		}
	}
}

// TestNeo4jPartnersOldDatabase: a database that does not say its persons
// carry partners (written before them) answers through the statement,
// and EnsureSchema computes them and says so.
func TestNeo4jPartnersOldDatabase(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := partnersCorpus(6, 40, 20)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	if _, err := n.write(ctx, "test: make old", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		if err := run(ctx, tx, `MATCH (s:LoadState {name: $name}) DELETE s`, map[string]any{"name": partnersState}); err != nil {
			return nil, err
		}
		if err := run(ctx, tx, `MATCH ()-[r:INTERACTED]->() REMOVE r.pair`, nil); err != nil {
			return nil, err
		}
		return nil, run(ctx, tx, `MATCH (p:Person) REMOVE p.partners`, nil)
	}); err != nil {
		t.Fatalf("make old: %v", err)
	}
	var f graph.InteractionFilter
	asked := 0
	for i := range 20 {
		a, b := fmt.Sprintf("p%02d", i), fmt.Sprintf("p%02d", (i*7+3)%20)
		if a == b {
			continue
		}
		if _, ok, err := n.partnersChain(ctx, a, b, 4, 1000); err != nil || ok {
			t.Fatalf("%s-%s: partners answered on an old database (ok %v, err %v)", a, b, ok, err)
		}
		want, werr := n.statementChain(ctx, a, b, 4, 1000, f)
		got, gerr := n.ShortestChain(ctx, a, b, 4, 1000, f)
		if werr != nil || gerr != nil || !reflect.DeepEqual(normChain(want), normChain(got)) {
			t.Errorf("%s-%s: old database: statement %+v (%v), ShortestChain %+v (%v)", a, b, want, werr, got, gerr)
		}
		asked++
	}
	if asked == 0 {
		t.Fatal("no pair asked")
	}
	if err := n.EnsureSchema(ctx); err != nil {
		t.Fatalf("ensure schema: %v", err)
	}
	checkPartners(ctx, t, n, "backfill", cables, cables)
	if _, ok, err := n.partnersChain(ctx, "p00", "p01", 4, 1000); err != nil || !ok {
		t.Errorf("after the backfill partners do not answer (ok %v, err %v)", ok, err)
	}
}

func TestPartnersPath(t *testing.T) {
	tests := []struct {
		name   string
		pa, pb []string
		hops   int
		want   []string
	}{
		{"direct", []string{"b", "m"}, []string{"a", "m"}, 1, []string{"a", "b"}},
		{"direct before a middle", []string{"c", "b"}, []string{"a", "c"}, 4, []string{"a", "b"}},
		{"smallest middle", []string{"z", "m", "n"}, []string{"n", "z", "m"}, 2, []string{"a", "m", "b"}},
		{"middle beyond one hop", []string{"m"}, []string{"m"}, 1, nil},
		{"no common partner", []string{"m"}, []string{"n"}, 4, nil},
		{"none", nil, nil, 4, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := partnersPath("a", "b", tt.pa, tt.pb, tt.hops); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("partnersPath = %v, want %v", got, tt.want)
			}
		})
	}
}
