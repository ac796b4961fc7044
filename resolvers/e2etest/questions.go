package e2etest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func urlQueryEscape(s string) string { return url.QueryEscape(s) }

// storeCalls sums cablegraph_store_calls_total over methods from /metrics.
func storeCalls(t *testing.T, base string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	resp := Do(t, req)
	total := 0
	for _, line := range strings.Split(resp.Raw, "\n") {
		if !strings.HasPrefix(line, "cablegraph_store_calls_total{") {
			continue
		}
		f := strings.Fields(line)
		n, err := strconv.ParseFloat(f[len(f)-1], 64)
		if err != nil {
			t.Fatalf("bad metrics line %q", line)
		}
		total += int(n)
	}
	return total
}

func testPagination(t *testing.T, url string) {
	first := Query(t, url, `{ cables(first: 1, orderBy: ID_ASC) { totalCount edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }`, nil)
	if len(first.Errors) > 0 {
		t.Fatalf("errors: %s", first.ErrorText())
	}
	total := int(Path(first.Data, "cables", "totalCount").(float64))
	if total < 1 {
		t.Fatalf("totalCount = %d with the seed loaded", total)
	}
	if got := Path(first.Data, "cables", "pageInfo", "hasNextPage"); got != (total > 1) {
		t.Errorf("hasNextPage = %v with totalCount %d", got, total)
	}
	end, _ := Path(first.Data, "cables", "pageInfo", "endCursor").(string)
	if end == "" || end != Path(first.Data, "cables", "edges", 0, "cursor") {
		t.Fatalf("endCursor %q does not match the last edge", end)
	}
	next := Query(t, url, `query($after: String) { cables(first: 1, after: $after, orderBy: ID_ASC) { edges { node { id } } pageInfo { hasPreviousPage } } }`, map[string]any{"after": end})
	if len(next.Errors) > 0 {
		t.Fatalf("errors: %s", next.ErrorText())
	}
	if Path(next.Data, "cables", "pageInfo", "hasPreviousPage") != true {
		t.Errorf("second page says it has no previous page")
	}
	if total > 1 && Path(next.Data, "cables", "edges", 0, "node", "id") == Path(first.Data, "cables", "edges", 0, "node", "id") {
		t.Errorf("second page repeats the first")
	}
}

// testConstantStoreCalls checks there is no N+1: a page of cables with
// their persons and tags costs as many store calls for 20 cables as for 5.
func testConstantStoreCalls(t *testing.T, store graph.Reader) {
	srv := Server(t, store, nil)
	url := srv.URL + "/graphql"
	const q = `query($n: Int) { cables(first: $n, orderBy: ID_ASC) { totalCount edges { node { id subject
	  persons { key name } tags { code meaning } mentions { name } } } } }`
	calls := func(n int) (int, int) {
		before := storeCalls(t, srv.URL)
		resp := Query(t, url, q, map[string]any{"n": n})
		if len(resp.Errors) > 0 {
			t.Fatalf("errors: %s", resp.ErrorText())
		}
		edges, _ := Path(resp.Data, "cables", "edges").([]any)
		return storeCalls(t, srv.URL) - before, len(edges)
	}
	c5, n5 := calls(5)
	c20, n20 := calls(20)
	if n20 < 20 {
		t.Skipf("only %d cables loaded; the N+1 check needs at least 20", n20)
	}
	if n5 != 5 {
		t.Fatalf("first: 5 gave %d cables", n5)
	}
	if c5 != c20 {
		t.Errorf("store calls grow with the page: %d for 5 cables, %d for 20", c5, c20)
	}
	if c5 == 0 {
		t.Errorf("no store calls counted: the instrumented reader is not in the path")
	}
	t.Logf("store calls: %d for 5 cables, %d for 20", c5, c20)
}

// testQuestions asks each relationship question once about the seed and
// checks the answer against what the parser and extractor gave.
func testQuestions(t *testing.T, url string, seed *graph.Cable) {
	ask := func(t *testing.T, q string) map[string]any {
		t.Helper()
		resp := Query(t, url, q, nil)
		if len(resp.Errors) > 0 {
			t.Fatalf("%s: %s", q, resp.ErrorText())
		}
		return resp.Data
	}
	t.Run("search", func(t *testing.T) {
		d := ask(t, `{ search(query: "Kosovo", first: 5) { totalCount edges { node { score cable { id } snippets { paragraph text highlights { start end } } } } } }`)
		hits, _ := Path(d, "search", "edges").([]any)
		found := false
		for _, h := range hits {
			if Path(h, "node", "cable", "id") != seed.ID {
				continue
			}
			found = true
			snips, _ := Path(h, "node", "snippets").([]any)
			if len(snips) == 0 {
				t.Fatalf("no snippets for a hit on %s", seed.ID)
			}
			text := []rune(fmt.Sprint(Path(snips[0], "text")))
			s, e := int(Path(snips[0], "highlights", 0, "start").(float64)), int(Path(snips[0], "highlights", 0, "end").(float64))
			if got := strings.ToLower(string(text[s:e])); got != "kosovo" {
				t.Errorf("highlight covers %q, want kosovo", got)
			}
		}
		if !found {
			t.Errorf("search Kosovo does not find %s", seed.ID)
		}
	})
	var lavrov *graph.PersonMention
	for i, p := range seed.Persons {
		if graph.NormalizeName(p.Surname) == "lavrov" {
			lavrov = &seed.Persons[i]
		}
	}
	if lavrov == nil {
		t.Fatalf("the extractor finds no Lavrov in the seed")
	}
	t.Run("person", func(t *testing.T) {
		d := ask(t, `{ person(name: "Lavrov") { key name cableCount alternatives { key }
		  cables(first: 5) { totalCount edges { node { id } } } counterparts(first: 100) { key count person { name } }
		  interactions(first: 5) { kind cableId evidence } } }`)
		if Path(d, "person", "key") != lavrov.Key {
			t.Errorf("person(Lavrov).key = %v, extractor says %s", Path(d, "person", "key"), lavrov.Key)
		}
		if n, _ := Path(d, "person", "cables", "totalCount").(float64); n < 1 || n != Path(d, "person", "cableCount") {
			t.Errorf("Lavrov's cables: totalCount %v, cableCount %v", n, Path(d, "person", "cableCount"))
		}
		// The same person through the top-level filter, on the seed's day,
		// so the check holds on a large corpus too.
		day := seed.Created.UTC().Format("2006-01-02")
		f := ask(t, `{ cables(filter: {person: "Lavrov", since: "`+day+`", until: "`+day+`T23:59:59Z"}, first: 100) { edges { node { id } } } }`)
		if !strings.Contains(fmt.Sprint(Path(f, "cables", "edges")), seed.ID) {
			t.Errorf("cables(filter: {person: Lavrov}) on %s lacks %s: %v", day, seed.ID, Path(f, "cables"))
		}
		cps, _ := Path(d, "person", "counterparts").([]any)
		jeremic := false
		for _, c := range cps {
			jeremic = jeremic || strings.Contains(graph.NormalizeName(fmt.Sprint(Path(c, "person", "name"))), "jeremic")
		}
		if !jeremic {
			t.Errorf("Lavrov's counterparts lack Jeremic: %v", cps)
		}
	})
	t.Run("persons", func(t *testing.T) {
		d := ask(t, `{ persons(query: "lavrov", first: 3) { totalCount nodes { key } } }`)
		if Path(d, "persons", "nodes", 0, "key") != lavrov.Key {
			t.Errorf("persons(lavrov) = %v", Path(d, "persons"))
		}
	})
	t.Run("countryAndTag", func(t *testing.T) {
		d := ask(t, `{ country(code: "Kosovo") { code name cableCount } tag(code: "KV") { code meaning kind cableCount } }`)
		if Path(d, "country", "code") != "KV" || Path(d, "tag", "code") != "KV" {
			t.Errorf("country/tag = %v", d)
		}
		if n, _ := Path(d, "tag", "cableCount").(float64); n < 1 {
			t.Errorf("tag KV counts %v cables", n)
		}
	})
	t.Run("connection", func(t *testing.T) {
		d := ask(t, `{ connection(a: "Lavrov", b: "Jeremic") { found reason persons { key } hops { from { name } to { name } kind evidence { cableId paragraph sentence } } } }`)
		if Path(d, "connection", "found") != true {
			t.Fatalf("no connection Lavrov-Jeremic: %v", Path(d, "connection"))
		}
		if Path(d, "connection", "hops", 0, "evidence", 0, "cableId") != seed.ID {
			t.Errorf("the first hop lacks evidence from %s: %v", seed.ID, Path(d, "connection", "hops"))
		}
	})
	t.Run("neighborhood", func(t *testing.T) {
		d := ask(t, `{ neighborhood(id: "`+seed.ID+`", depth: 1, limit: 50) { nodes { id kind label properties } edges { source target kind weight } truncated omitted } }`)
		nodes, _ := Path(d, "neighborhood", "nodes").([]any)
		edges, _ := Path(d, "neighborhood", "edges").([]any)
		if len(nodes) < 2 || len(edges) < 1 {
			t.Fatalf("neighborhood of %s: %d nodes, %d edges", seed.ID, len(nodes), len(edges))
		}
		ids := map[any]bool{}
		for _, n := range nodes {
			ids[Path(n, "id")] = true
		}
		for _, e := range edges {
			if !ids[Path(e, "source")] || !ids[Path(e, "target")] {
				t.Errorf("edge %v joins a node not in the subgraph", e)
			}
		}
	})
	t.Run("referenceChain", func(t *testing.T) {
		d := ask(t, `{ referenceChain(id: "`+seed.ID+`", direction: OUT, depth: 2) { nodes { id kind label } edges { source target kind } } }`)
		var want []string
		for _, r := range seed.References {
			if r.ID != "" {
				want = append(want, r.ID)
			}
		}
		raw := fmt.Sprint(Path(d, "referenceChain", "nodes"))
		for _, id := range want {
			if !strings.Contains(raw, id) {
				t.Errorf("reference chain lacks the cited %s (ghost): %s", id, raw)
			}
		}
		if len(want) == 0 {
			t.Errorf("the parser found no cable reference in the seed; the check is vacuous")
		}
	})
	t.Run("timeline", func(t *testing.T) {
		d := ask(t, `{ timeline(topic: "Kosovo", interval: MONTH) { start count } }`)
		bs, _ := Path(d, "timeline").([]any)
		month := seed.Created.UTC().Format("2006-01")
		ok := false
		for _, b := range bs {
			if strings.HasPrefix(fmt.Sprint(Path(b, "start")), month) && Path(b, "count").(float64) >= 1 {
				ok = true
			}
		}
		if !ok {
			t.Errorf("timeline(Kosovo) has no bucket for %s: %v", month, bs)
		}
	})
	t.Run("stats", func(t *testing.T) {
		d := ask(t, `{ stats { nodes { label count } relationships { label count } datasetVersion loadedAt cables } }`)
		if fmt.Sprint(Path(d, "stats", "datasetVersion")) == "" || Path(d, "stats", "nodes", 0) == nil {
			t.Errorf("stats = %v", d)
		}
	})
	t.Run("cableNested", func(t *testing.T) {
		d := ask(t, `{ cable(id: "`+seed.ID+`") { tags { code meaning kind } persons { key } mentions { key paragraphs person { key } }
		  countries { code } references { id cable { id } } citedBy { id } interactions { a b kind paragraph cable { id } } } }`)
		if len(Path(d, "cable", "persons").([]any)) != len(seed.Persons) {
			t.Errorf("cable.persons has %d, extractor found %d", len(Path(d, "cable", "persons").([]any)), len(seed.Persons))
		}
		if len(Path(d, "cable", "interactions").([]any)) == 0 {
			t.Errorf("no interactions in the seed")
		}
	})
}
