package e2etest

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/resolvers"
)

// Server starts the real handler over store, with cfg adjusted by mutate
// (may be nil). The server is closed when the test ends.
func Server(t testing.TB, store graph.Reader, mutate func(*resolvers.Config)) *httptest.Server {
	t.Helper()
	cfg := resolvers.Config{
		Store:         store,
		Logger:        slog.New(slog.DiscardHandler),
		Introspection: true,
	}
	if mutate != nil {
		mutate(&cfg)
	}
	h, err := resolvers.NewHandler(cfg)
	if err != nil {
		t.Fatalf("NewHandler: %v", err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

// RunE2E runs the API's end-to-end tests over HTTP against store, loading
// the seed cable first when it is not there.
func RunE2E(t *testing.T, store graph.Store) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	seed, ex, err := LoadSeed(ctx, store)
	if err != nil {
		t.Fatalf("load seed: %v", err)
	}
	srv := Server(t, store, func(c *resolvers.Config) { c.Topics = ex })
	url := srv.URL + "/graphql"

	t.Run("CableFields", func(t *testing.T) { testCableFields(t, url, seed) })
	t.Run("DiscussionsKosovo", func(t *testing.T) { testDiscussions(t, url, seed) })
	t.Run("UnknownCable", func(t *testing.T) { testUnknownCable(t, url) })
	t.Run("BadCursor", func(t *testing.T) { testBadCursor(t, url) })
	t.Run("PageSizeLimit", func(t *testing.T) { testPageSize(t, url) })
	t.Run("DepthLimit", func(t *testing.T) { testDepth(t, url) })
	t.Run("ComplexityLimit", func(t *testing.T) { testComplexity(t, store) })
	t.Run("IntrospectionOn", func(t *testing.T) { testIntrospection(t, url, true) })
	t.Run("IntrospectionOff", func(t *testing.T) {
		off := Server(t, store, func(c *resolvers.Config) { c.Introspection = false })
		testIntrospection(t, off.URL+"/graphql", false)
	})
	t.Run("Auth", func(t *testing.T) { testAuth(t, store) })
	t.Run("CORS", func(t *testing.T) { testCORS(t, store) })
	t.Run("APQ", func(t *testing.T) { testAPQ(t, url) })
	t.Run("Healthz", func(t *testing.T) { testHealthz(t, srv.URL) })
	t.Run("Metrics", func(t *testing.T) { testMetrics(t, srv.URL) })
	t.Run("Pagination", func(t *testing.T) { testPagination(t, url) })
	t.Run("ConstantStoreCalls", func(t *testing.T) { testConstantStoreCalls(t, store) })
	t.Run("Questions", func(t *testing.T) { testQuestions(t, url, seed) })
}

func rfc(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC().Format(time.RFC3339)
}

func orNil(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// normalise round-trips through JSON so Go values compare with decoded ones.
func normalise(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func strs(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

const cableQuery = `query($id: ID!) { cable(id: $id) {
  id created released classification caveats origin dtg precedence from to info subject
  tags { code } references { raw id kind letter }
  paragraphs { number marking text } signature classifiedBy { name title reasons }
  declassify summary body permalink source { path format record } } }`

func testCableFields(t *testing.T, url string, c *graph.Cable) {
	resp := Query(t, url, cableQuery, map[string]any{"id": c.ID})
	if len(resp.Errors) > 0 {
		t.Fatalf("errors: %s", resp.ErrorText())
	}
	tags := []map[string]any{}
	for _, code := range c.Tags {
		tags = append(tags, map[string]any{"code": code})
	}
	refs := []map[string]any{}
	for _, r := range c.References {
		refs = append(refs, map[string]any{"raw": r.Raw, "id": orNil(r.ID), "kind": r.Kind, "letter": orNil(r.Letter)})
	}
	paras := []map[string]any{}
	for _, p := range c.Paragraphs {
		paras = append(paras, map[string]any{"number": p.Number, "marking": p.Marking, "text": p.Text})
	}
	var classifiedBy any
	if c.ClassifiedBy != nil {
		classifiedBy = map[string]any{"name": c.ClassifiedBy.Name, "title": c.ClassifiedBy.Title, "reasons": strs(c.ClassifiedBy.Reasons)}
	}
	want := map[string]any{
		"id": c.ID, "created": rfc(c.Created), "released": rfc(c.Released),
		"classification": c.Classification, "caveats": strs(c.Caveats), "origin": c.Origin,
		"dtg": c.DTG, "precedence": c.Precedence, "from": c.From, "to": strs(c.To), "info": strs(c.Info),
		"subject": c.Subject, "tags": tags, "references": refs, "paragraphs": paras,
		"signature": c.Signature, "classifiedBy": classifiedBy, "declassify": c.Declassify,
		"summary": c.Summary, "body": c.Body,
		"permalink": "https://wikileaks.org/plusd/cables/" + c.ID + "_a.html",
		"source":    map[string]any{"path": c.Source.Path, "format": c.Source.Format, "record": c.Source.Record},
	}
	got, _ := resp.Data["cable"].(map[string]any)
	if got == nil {
		t.Fatalf("cable is null: %s", resp.Raw)
	}
	wantN := normalise(t, want).(map[string]any)
	for k, w := range wantN {
		if !reflect.DeepEqual(got[k], w) {
			t.Errorf("cable.%s = %v, parser gives %v", k, got[k], w)
		}
	}
	if len(c.Paragraphs) == 0 || c.Subject == "" {
		t.Errorf("the parser gave no paragraphs or subject for the seed; the comparison is vacuous")
	}
}

func testDiscussions(t *testing.T, url string, seed *graph.Cable) {
	resp := Query(t, url, `{ discussions(topic: "Kosovo") { a { key name surname } b { key name surname } count
	  cables { id } evidence { cableId paragraph sentence kind cable { id } } } }`, nil)
	if len(resp.Errors) > 0 {
		t.Fatalf("errors: %s", resp.ErrorText())
	}
	list, _ := resp.Data["discussions"].([]any)
	var par6 string
	for _, p := range seed.Paragraphs {
		if p.Number == 6 {
			par6 = strings.Join(strings.Fields(p.Text), " ")
		}
	}
	if par6 == "" {
		t.Fatalf("the parsed seed has no paragraph 6")
	}
	for _, d := range list {
		sa := graph.NormalizeName(fmt.Sprint(Path(d, "a", "surname")))
		sb := graph.NormalizeName(fmt.Sprint(Path(d, "b", "surname")))
		if !(sa == "jeremic" && sb == "lavrov" || sa == "lavrov" && sb == "jeremic") {
			continue
		}
		evs, _ := Path(d, "evidence").([]any)
		for _, e := range evs {
			sentence := strings.Join(strings.Fields(fmt.Sprint(Path(e, "sentence"))), " ")
			if Path(e, "cableId") == seed.ID && Path(e, "paragraph") == float64(6) &&
				strings.Contains(par6, sentence) && strings.Contains(sentence, "Jeremic") && strings.Contains(sentence, "Lavrov") {
				if Path(e, "cable", "id") != seed.ID {
					t.Errorf("evidence.cable.id = %v, want %s", Path(e, "cable", "id"), seed.ID)
				}
				return
			}
		}
		t.Fatalf("Jeremic-Lavrov pair found but no paragraph 6 evidence sentence naming both: %v", evs)
	}
	t.Fatalf("no Jeremic-Lavrov pair among %d discussions: %s", len(list), resp.Raw)
}

func expectError(t *testing.T, resp *Response, contains ...string) {
	t.Helper()
	if len(resp.Errors) == 0 {
		t.Fatalf("no error, want one containing %q: %s", contains, resp.Raw)
	}
	text := resp.ErrorText()
	for _, c := range contains {
		if !strings.Contains(text, c) {
			t.Errorf("error %q does not contain %q", text, c)
		}
	}
	if strings.Contains(text, "internal error") {
		t.Errorf("a user mistake is shown as an internal error: %q", text)
	}
}

func testUnknownCable(t *testing.T, url string) {
	resp := Query(t, url, `{ cable(id: "08XXX1") { id subject } }`, nil)
	expectError(t, resp, "cable 08XXX1 not found")
	if msg := resp.Errors[0].Message; msg != "cable 08XXX1 not found" {
		t.Errorf("message %q, want exactly %q (no parser prefix, no repeated path)", msg, "cable 08XXX1 not found")
	}
	if resp.Data["cable"] != nil {
		t.Errorf("cable = %v, want null", resp.Data["cable"])
	}
	if resp.Errors[0].Extensions["code"] != "NOT_FOUND" {
		t.Errorf("code = %v, want NOT_FOUND", resp.Errors[0].Extensions["code"])
	}
}

func testBadCursor(t *testing.T, url string) {
	resp := Query(t, url, `{ cables(first: 2, after: "not-a-cursor") { totalCount } }`, nil)
	expectError(t, resp, "bad cursor", "not-a-cursor")
}

func testPageSize(t *testing.T, url string) {
	resp := Query(t, url, `{ cables(first: 101) { totalCount } }`, nil)
	expectError(t, resp, "first", "100")
	resp = Query(t, url, `{ cables(first: -1) { totalCount } }`, nil)
	expectError(t, resp, "first")
	resp = Query(t, url, `{ cables(first: 100) { totalCount } }`, nil)
	if len(resp.Errors) > 0 {
		t.Errorf("first: 100 is the maximum and must pass: %s", resp.ErrorText())
	}
}

func testDepth(t *testing.T, url string) {
	// cable > persons > cables > edges > node > persons > cables > edges > node > persons > cables > edges > node > id = 14 levels
	deep := `{ cable(id: "` + SeedID + `") { persons { cables { edges { node { persons { cables { edges { node { persons { cables { edges { node { id } } } } } } } } } } } } } }`
	resp := Query(t, url, deep, nil)
	expectError(t, resp, "levels deep", "12")
	shallow := `{ cable(id: "` + SeedID + `") { persons { cables(first: 2) { edges { node { id } } } } } }`
	if resp := Query(t, url, shallow, nil); len(resp.Errors) > 0 {
		t.Errorf("a 6-level query is refused: %s", resp.ErrorText())
	}
}

func testComplexity(t *testing.T, store graph.Reader) {
	srv := Server(t, store, func(c *resolvers.Config) { c.MaxComplexity = 50 })
	resp := Query(t, srv.URL+"/graphql", `{ cables(first: 100) { edges { node { id subject persons { name } } } } }`, nil)
	expectError(t, resp, "complexity")
	resp = Query(t, srv.URL+"/graphql", `{ stats { datasetVersion } }`, nil)
	if len(resp.Errors) > 0 {
		t.Errorf("a cheap query is refused under the complexity limit: %s", resp.ErrorText())
	}
}

// introspectionQuery is the shape GraphiQL sends: deeper than the depth
// limit, which must not count it.
const introspectionQuery = `query IntrospectionQuery { __schema { queryType { name } types { kind name
  fields(includeDeprecated: true) { name args { name type { ...TypeRef } } type { ...TypeRef } } } } }
fragment TypeRef on __Type { kind name ofType { kind name ofType { kind name ofType { kind name ofType {
  kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } } } }`

func testIntrospection(t *testing.T, url string, on bool) {
	resp := Query(t, url, introspectionQuery, nil)
	if on {
		if len(resp.Errors) > 0 {
			t.Fatalf("introspection refused: %s", resp.ErrorText())
		}
		if Path(resp.Data, "__schema", "queryType", "name") != "Query" {
			t.Errorf("queryType = %v", Path(resp.Data, "__schema", "queryType"))
		}
		return
	}
	if len(resp.Errors) == 0 {
		t.Fatalf("introspection answered while switched off")
	}
	if !strings.Contains(strings.ToLower(resp.ErrorText()), "introspection") {
		t.Errorf("error %q does not say introspection is off", resp.ErrorText())
	}
}

func testAuth(t *testing.T, store graph.Reader) {
	srv := Server(t, store, func(c *resolvers.Config) { c.AuthToken = "s3cret" })
	body := map[string]any{"query": `{ stats { cables } }`}
	cases := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"none", nil, http.StatusUnauthorized},
		{"wrong", map[string]string{"Authorization": "Bearer nope"}, http.StatusUnauthorized},
		{"not bearer", map[string]string{"Authorization": "s3cret"}, http.StatusUnauthorized},
		{"right", map[string]string{"Authorization": "Bearer s3cret"}, http.StatusOK},
	}
	for _, c := range cases {
		resp := Post(t, srv.URL+"/graphql", body, c.header)
		if resp.Status != c.status {
			t.Errorf("%s: status %d, want %d (%s)", c.name, resp.Status, c.status, resp.Raw)
		}
		if c.status == http.StatusOK && (len(resp.Errors) > 0 || Path(resp.Data, "stats", "cables") == nil) {
			t.Errorf("%s: no answer: %s", c.name, resp.Raw)
		}
	}
	if resp, err := http.Get(srv.URL + "/healthz"); err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("/healthz must stay open under auth: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}
}

func testCORS(t *testing.T, store graph.Reader) {
	srv := Server(t, store, func(c *resolvers.Config) { c.CORSOrigins = []string{"https://viz.example"} })
	for _, c := range []struct {
		origin string
		allow  bool
	}{{"https://viz.example", true}, {"https://evil.example", false}} {
		req, _ := http.NewRequest(http.MethodOptions, srv.URL+"/graphql", nil)
		req.Header.Set("Origin", c.origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type, authorization")
		resp := Do(t, req)
		got := resp.Header.Get("Access-Control-Allow-Origin")
		if c.allow && (got != c.origin || resp.Status >= 300) {
			t.Errorf("preflight from %s: status %d, allow-origin %q", c.origin, resp.Status, got)
		}
		if !c.allow && got != "" {
			t.Errorf("preflight from %s allowed: %q", c.origin, got)
		}
	}
	resp := Post(t, srv.URL+"/graphql", map[string]any{"query": `{ stats { cables } }`}, map[string]string{"Origin": "https://viz.example"})
	if resp.Header.Get("Access-Control-Allow-Origin") != "https://viz.example" {
		t.Errorf("POST from allowed origin lacks Access-Control-Allow-Origin")
	}
}

func testAPQ(t *testing.T, url string) {
	q := `{ cable(id: "` + SeedID + `") { id subject } }`
	hash := sha256Hex(q)
	ext := map[string]any{"persistedQuery": map[string]any{"version": 1, "sha256Hash": hash}}
	resp := Post(t, url, map[string]any{"extensions": ext}, nil)
	expectError(t, resp, "PersistedQueryNotFound")
	resp = Post(t, url, map[string]any{"query": q, "extensions": ext}, nil)
	if len(resp.Errors) > 0 || Path(resp.Data, "cable", "id") != SeedID {
		t.Fatalf("register persisted query: %s", resp.Raw)
	}
	resp = Post(t, url, map[string]any{"extensions": ext}, nil)
	if len(resp.Errors) > 0 || Path(resp.Data, "cable", "id") != SeedID {
		t.Fatalf("persisted query by hash: %s", resp.Raw)
	}
	// GET with the hash only, as CDNs cache it.
	req, _ := http.NewRequest(http.MethodGet, url+`?extensions=`+urlQueryEscape(`{"persistedQuery":{"version":1,"sha256Hash":"`+hash+`"}}`), nil)
	if resp := Do(t, req); len(resp.Errors) > 0 || Path(resp.Data, "cable", "id") != SeedID {
		t.Errorf("persisted query over GET: %s", resp.Raw)
	}
}

func testHealthz(t *testing.T, base string) {
	req, _ := http.NewRequest(http.MethodGet, base+"/healthz", nil)
	resp := Do(t, req)
	if resp.Status != http.StatusOK || !strings.Contains(resp.Raw, `"status":"ok"`) {
		t.Errorf("/healthz = %d %s", resp.Status, resp.Raw)
	}
}

func testMetrics(t *testing.T, base string) {
	Query(t, base+"/graphql", `query StatsProbe { stats { cables } }`, nil)
	req, _ := http.NewRequest(http.MethodGet, base+"/metrics", nil)
	resp := Do(t, req)
	for _, want := range []string{
		`cablegraph_graphql_requests_total{operation="StatsProbe",status="ok"}`,
		`cablegraph_store_calls_total{method="Stats"}`,
		`cablegraph_store_call_duration_seconds_bucket{method="Stats",le="+Inf"}`,
		`cablegraph_graphql_duration_seconds_count{operation="StatsProbe"}`,
		`cablegraph_http_requests_total{path="/graphql",code="200"}`,
		"# TYPE cablegraph_store_call_duration_seconds histogram",
	} {
		if !strings.Contains(resp.Raw, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
