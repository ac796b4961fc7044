package neo4jstore

import (
	"bufio"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/resolvers"
)

// TestNeo4jConnectionByKeysInOneStatement asks the API for connections by
// person keys, with the persons of the chain and of every hop, on the
// store and on the same store without its pushdowns: the answers must be
// the same, and on the store no Persons read may be left (the chain's
// statement finds the two persons and hands over the records shown).
func TestNeo4jConnectionByKeysInOneStatement(t *testing.T) {
	ctx := t.Context()
	n := openEmpty(t)
	cables := chainCorpus()
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	pushed, plain := apiServer(t, n), apiServer(t, generic{n})
	tests := []struct {
		a, b    string
		persons int // in the chain
	}{
		{"alpha", "bravo", 3},  // two links
		{"alpha", "yankee", 2}, // direct
		{"alpha", "oscar", 0},  // none
	}
	const q = `query C($a: String!, $b: String!) { connection(a: $a, b: $b, maxHops: 4) { found reason persons { key name cableCount } hops { from { key name } to { key } kind evidence { cableId sentence } } } }`
	for _, tc := range tests {
		before := storeCalls(t, pushed.URL, "Persons")
		got := postVars(t, pushed.URL, q, map[string]any{"a": tc.a, "b": tc.b})
		if calls := storeCalls(t, pushed.URL, "Persons") - before; calls != 0 {
			t.Errorf("%s to %s: %d Persons calls, want none", tc.a, tc.b, calls)
		}
		want := postVars(t, plain.URL, q, map[string]any{"a": tc.a, "b": tc.b})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s to %s:\npushed %s\nplain  %s", tc.a, tc.b, got, want)
		}
		var ans struct {
			Data struct {
				Connection struct {
					Persons []struct{ Key, Name string }
				}
			}
		}
		if err := json.Unmarshal(got, &ans); err != nil {
			t.Fatalf("decode %s: %v", got, err)
		}
		ps := ans.Data.Connection.Persons
		if len(ps) != tc.persons || (len(ps) > 0 && (ps[0].Key != tc.a || ps[0].Name == "")) {
			t.Errorf("%s to %s: persons %+v, want %d from %s with names", tc.a, tc.b, ps, tc.persons, tc.a)
		}
	}
}

func apiServer(t *testing.T, store graph.Reader) *httptest.Server {
	t.Helper()
	h, err := resolvers.NewHandler(resolvers.Config{Store: store, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err != nil {
		t.Fatalf("handler: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func postVars(t *testing.T, url, query string, vars map[string]any) []byte {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
	resp, err := http.Post(url+"/graphql", "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatalf("post: %v", err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil || resp.StatusCode != http.StatusOK || strings.Contains(string(out), `"errors"`) {
		t.Fatalf("post: %d %s %v", resp.StatusCode, out, err)
	}
	return out
}

// storeCalls reads the server's count of store calls of method.
func storeCalls(t *testing.T, url, method string) int {
	t.Helper()
	resp, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatalf("metrics: %v", err)
	}
	defer resp.Body.Close()
	prefix := `cablegraph_store_calls_total{method="` + method + `"} `
	sc := bufio.NewScanner(resp.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), prefix); ok {
			var n int
			if err := json.Unmarshal([]byte(v), &n); err != nil {
				t.Fatalf("metrics line %q: %v", sc.Text(), err)
			}
			return n
		}
	}
	return 0
}
