package resolvers_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// TestE2EMemstore runs the shared end-to-end suite against the embedded
// store loaded with the seed alone, as `cablegraph serve` starts.
func TestE2EMemstore(t *testing.T) {
	e2etest.RunE2E(t, memstore.New())
}

// seedWithCopies is a memstore holding the seed and n copies of it under
// other ids, extracted for real.
func seedWithCopies(tb testing.TB, n int) *memstore.Store {
	tb.Helper()
	ctx := context.Background()
	store := memstore.New()
	seed, ex, err := e2etest.ParseSeed(ctx)
	if err != nil {
		tb.Fatal(err)
	}
	cables := []*graph.Cable{seed}
	for i := range n {
		c, _, err := e2etest.ParseSeed(ctx)
		if err != nil {
			tb.Fatal(err)
		}
		c.ID = fmt.Sprintf("08MOSCOW%d", 9000+i)
		c.Persons, c.Countries, c.Organizations, c.Interactions, c.TagInfo = nil, nil, nil, nil, nil
		ex.Extract(c)
		cables = append(cables, c)
	}
	if err := e2etest.WriteCables(ctx, store, cables); err != nil {
		tb.Fatal(err)
	}
	return store
}

// TestE2EMemstoreWithCopies adds 24 copies of the seed under other ids,
// so that the N+1 check has pages of 5 and 20 full cables to compare.
func TestE2EMemstoreWithCopies(t *testing.T) {
	e2etest.RunE2E(t, seedWithCopies(t, 24))
}

// BenchmarkCablesPage measures a page of 20 cables with their persons and
// tags, over HTTP against the embedded store.
func BenchmarkCablesPage(b *testing.B) {
	srv := e2etest.Server(b, seedWithCopies(b, 24), nil)
	body := `{"query":"{ cables(first: 20) { totalCount edges { node { id subject persons { name } tags { code meaning } } } } }"}`
	for b.Loop() {
		resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}

// BenchmarkDiscussionsKosovo measures the headline question over HTTP.
func BenchmarkDiscussionsKosovo(b *testing.B) {
	srv := e2etest.Server(b, seedWithCopies(b, 24), nil)
	body := `{"query":"{ discussions(topic: \"Kosovo\") { a { name } b { name } count evidence { cable { id } paragraph sentence } } }"}`
	for b.Loop() {
		resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
}
