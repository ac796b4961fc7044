package resolvers_test

import (
	"context"
	"encoding/json"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// summaryStore is a Reader that also gives cable summaries (as the Neo4j
// store does), counting how many it gave.
type summaryStore struct {
	graph.Reader
	calls atomic.Int64
}

var _ query.CableSummarySource = (*summaryStore)(nil)

func (s *summaryStore) CableSummaries(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	s.calls.Add(1)
	cs, err := s.Cables(ctx, ids)
	out := make([]*graph.Cable, len(cs))
	for i, c := range cs {
		out[i] = &graph.Cable{ID: c.ID, Created: c.Created, Released: c.Released,
			Classification: c.Classification, Origin: c.Origin, Subject: c.Subject}
	}
	return out, err
}

// TestSummariesGiveTheSameAnswers asks the same queries of a server whose
// store gives summaries and of one whose store does not: the answers must
// be byte for byte the same, summaries must be used where a query selects
// only summary fields of its cables, and never where it selects more.
func TestSummariesGiveTheSameAnswers(t *testing.T) {
	m := fixtureStore(t)
	withSummaries := &summaryStore{Reader: m}
	// The memstore gives summaries itself: plain hides them.
	plain := e2etest.Server(t, struct{ graph.Reader }{m}, nil)
	summarised := e2etest.Server(t, withSummaries, nil)
	for _, c := range []struct {
		name, query string
		summaries   bool // the query must be answered from summaries
	}{
		{"page", `{ cables(filter: {tags: ["KV"]}, first: 20, orderBy: CREATED_DESC) { totalCount nodes { id subject created origin } } }`, true},
		{"page edges", `{ cables(first: 7, orderBy: ID_ASC) { edges { cursor node { __typename id classification released permalink citedByIds } } pageInfo { hasNextPage endCursor } } }`, true},
		{"page fragment", `query { cables(first: 5) { nodes { ...F } } } fragment F on Cable { id subject }`, true},
		{"page inline fragment", `{ cables(first: 5) { nodes { ... on Cable { id subject } } } }`, true},
		{"search", `{ search(query: "Kosovo", first: 20) { edges { node { score cable { id subject } } } } }`, true},
		{"cable citedBy", `{ cable(id: "08MOSCOW235") { id subject tags { code meaning } persons { key name } countries { code name } citedBy { id subject } } }`, true},
		{"cable alone", `{ cable(id: "08MOSCOW235") { id created subject } }`, true},
		{"page with tags", `{ cables(first: 5) { nodes { id tags { code } } } }`, false},
		{"page with body", `{ cables(first: 5) { nodes { id body } } }`, false},
		{"page with persons", `{ cables(first: 5) { nodes { id persons { key } } } }`, false},
		{"search snippets", `{ search(query: "Kosovo", first: 5) { edges { node { cable { id } snippets { text } } } } }`, false},
		{"fragment with body", `query { cables(first: 5) { nodes { ...F } } } fragment F on Cable { id body }`, false},
		{"cable whole", `{ cable(id: "08MOSCOW235") { id summary paragraphs { number text } citedBy { id body } } }`, false},
	} {
		sameAnswer(t, c.name, c.query, plain.URL, summarised.URL, &withSummaries.calls, c.summaries)
	}
}

// fixtureStore is a memstore holding the conformance fixtures.
func fixtureStore(t *testing.T) *memstore.Store {
	t.Helper()
	m := memstore.New()
	cables := storetest.Fixtures(t)
	hashes := make([]string, len(cables))
	for i, c := range cables {
		hashes[i] = "h-" + c.ID
	}
	if err := m.WriteCables(context.Background(), cables, hashes); err != nil {
		t.Fatalf("write: %v", err)
	}
	return m
}

// sameAnswer asks query of the plain server and of the other one, whose
// store counts in calls the uses of an optional read: the answers must be
// byte for byte the same, and the read used exactly when wantUsed.
func sameAnswer(t *testing.T, name, query, plainURL, otherURL string, calls *atomic.Int64, wantUsed bool) {
	t.Helper()
	before := calls.Load()
	want := e2etest.Query(t, plainURL+"/graphql", query, nil)
	got := e2etest.Query(t, otherURL+"/graphql", query, nil)
	used := calls.Load() > before
	if len(want.Errors) > 0 || len(want.Data) == 0 {
		t.Errorf("%s: no answer to compare: %s", name, want.Raw)
		return
	}
	if got.Raw != want.Raw {
		t.Errorf("%s: answers differ\nwith the optional read    %s\nwithout it %s", name, got.Raw, want.Raw)
	}
	if used != wantUsed {
		t.Errorf("%s: optional read used = %v, want %v", name, used, wantUsed)
	}
}

// searchHitsStore is a Reader that can give search pages without totals
// (as the Neo4j store does), counting how many it gave.
type searchHitsStore struct {
	graph.Reader
	calls atomic.Int64
}

var _ query.SearchHitsSource = (*searchHitsStore)(nil)

func (s *searchHitsStore) SearchHits(ctx context.Context, q string, p graph.Page) ([]graph.SearchHit, error) {
	s.calls.Add(1)
	sp, err := s.Search(ctx, q, p)
	return sp.Hits, err
}

// TestSearchWithoutTotalsOnlyWhenUnseen: a search whose selection shows
// neither totalCount nor pageInfo is answered without counting every hit
// (SearchHitsSource); any other is not; the answers are the same.
func TestSearchWithoutTotalsOnlyWhenUnseen(t *testing.T) {
	m := fixtureStore(t)
	hitsOnly := &searchHitsStore{Reader: m}
	plain := e2etest.Server(t, struct{ graph.Reader }{m}, nil)
	fast := e2etest.Server(t, hitsOnly, nil)
	for _, c := range []struct {
		name, query string
		hitsOnly    bool
	}{
		{"page", `{ search(query: "Kosovo", first: 3) { edges { cursor node { score cable { id subject } } } } }`, true},
		{"second page", `{ search(query: "Kosovo", first: 2, after: "Y3Vyc29yOjA=") { edges { node { cable { id } } } } }`, true},
		{"fragment", `query { search(query: "Kosovo", first: 3) { ...S } } fragment S on SearchConnection { edges { node { score } } }`, true},
		{"total", `{ search(query: "Kosovo", first: 3) { totalCount edges { node { cable { id } } } } }`, false},
		{"pageInfo", `{ search(query: "Kosovo", first: 3) { edges { node { cable { id } } } pageInfo { hasNextPage } } }`, false},
		{"total in a fragment", `query { search(query: "Kosovo", first: 3) { ...S } } fragment S on SearchConnection { totalCount }`, false},
	} {
		sameAnswer(t, c.name, c.query, plain.URL, fast.URL, &hitsOnly.calls, c.hitsOnly)
	}
}

// searchSummariesStore is a searchHitsStore that reads the hits' summaries
// with them (as the Neo4j store does), counting those reads and the cable
// reads that would follow them.
type searchSummariesStore struct {
	searchHitsStore
	summaries, cables atomic.Int64
}

var _ query.SearchSummariesSource = (*searchSummariesStore)(nil)

func (s *searchSummariesStore) SearchHitsSummaries(ctx context.Context, q string, p graph.Page) ([]graph.SearchHit, []*graph.Cable, error) {
	s.summaries.Add(1)
	hits, err := s.SearchHits(ctx, q, p)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]string, len(hits))
	for i, h := range hits {
		ids[i] = h.CableID
	}
	cs, err := query.CableSummariesOf(s.Reader)(ctx, ids)
	return hits, cs, err
}

func (s *searchSummariesStore) Cables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	s.cables.Add(1)
	return s.Reader.Cables(ctx, ids)
}

// TestSearchSummariesInOneRead: a search page showing only its cables'
// summary fields reads them with the hits (SearchSummariesSource) and
// reads no cable after; a page showing more of its cables does not; the
// answers are the same.
func TestSearchSummariesInOneRead(t *testing.T) {
	m := fixtureStore(t)
	both := &searchSummariesStore{searchHitsStore: searchHitsStore{Reader: m}}
	plain := e2etest.Server(t, struct{ graph.Reader }{m}, nil)
	fast := e2etest.Server(t, both, nil)
	for _, c := range []struct {
		name, query string
		one         bool
	}{
		{"summaries", `{ search(query: "Kosovo", first: 3) { edges { cursor node { score cable { id subject created origin } } } } }`, true},
		{"second page", `{ search(query: "Kosovo", first: 2, after: "Y3Vyc29yOjA=") { edges { node { cable { id classification } } } } }`, true},
		{"tags", `{ search(query: "Kosovo", first: 3) { edges { node { cable { id tags { code } } } } } }`, false},
		{"total", `{ search(query: "Kosovo", first: 3) { totalCount edges { node { cable { id } } } } }`, false},
	} {
		cables := both.cables.Load()
		sameAnswer(t, c.name, c.query, plain.URL, fast.URL, &both.summaries, c.one)
		if read := both.cables.Load() - cables; c.one && read != 0 {
			t.Errorf("%s: %d cable reads after the hits and their summaries, want none", c.name, read)
		}
	}
}

// cableReadStore is a Reader counting the cables it read, whole or as
// summaries.
type cableReadStore struct {
	graph.Reader
	read atomic.Int64
}

func (s *cableReadStore) Cables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	s.read.Add(int64(len(ids)))
	return s.Reader.Cables(ctx, ids)
}

func (s *cableReadStore) CableSummaries(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	s.read.Add(int64(len(ids)))
	src, _ := s.Reader.(query.CableSummarySource)
	return src.CableSummaries(ctx, ids)
}

// TestDiscussionCableIDsReadNoCable: a discussions question selecting only
// its cables' ids reads no cable (knownCables), and lists the ids the same
// question selecting their subjects lists; selecting any other field of
// them reads them.
func TestDiscussionCableIDsReadNoCable(t *testing.T) {
	s := &cableReadStore{Reader: fixtureStore(t)}
	srv := e2etest.Server(t, s, nil)
	ask := func(sel string) (ids [][]string, read int64) {
		t.Helper()
		before := s.read.Load()
		resp := e2etest.Query(t, srv.URL+"/graphql", `{ discussions(topic: "Kosovo", first: 50) { a { key } b { key } cables { `+sel+` } } }`, nil)
		if len(resp.Errors) > 0 {
			t.Fatalf("cables { %s }: %s", sel, resp.ErrorText())
		}
		var data struct {
			Discussions []struct{ Cables []struct{ ID string } }
		}
		if err := json.Unmarshal([]byte(resp.Raw), &struct{ Data any }{&data}); err != nil {
			t.Fatal(err)
		}
		for _, d := range data.Discussions {
			var l []string
			for _, c := range d.Cables {
				l = append(l, c.ID)
			}
			ids = append(ids, l)
		}
		return ids, s.read.Load() - before
	}
	idsOnly, readIDs := ask("id __typename")
	withSubject, readSubject := ask("id subject")
	if len(idsOnly) == 0 || len(idsOnly[0]) == 0 {
		t.Fatalf("the fixtures discuss Kosovo in no cable: %v", idsOnly)
	}
	if !reflect.DeepEqual(idsOnly, withSubject) {
		t.Errorf("cable ids alone %v, with subjects %v", idsOnly, withSubject)
	}
	if readIDs != 0 {
		t.Errorf("selecting only ids read %d cables, want none", readIDs)
	}
	if readSubject == 0 {
		t.Error("selecting subjects read no cable")
	}
}
