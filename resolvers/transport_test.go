package resolvers

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/99designs/gqlgen/graphql"
	"github.com/99designs/gqlgen/graphql/handler/transport"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestAppendDataIsJSONMarshal: appendData writes what json.Marshal writes
// for a graphql.Response holding only data.
func TestAppendDataIsJSONMarshal(t *testing.T) {
	if got, want := string(appendData(nil, nil)), `{"data":null}`; got != want {
		t.Errorf("appendData(nil) = %s, want %s", got, want)
	}
	if plainAnswer(&graphql.Response{Data: json.RawMessage{}}) {
		t.Error("an empty non-nil data (which json.Marshal refuses) is left to POST")
	}
	for _, data := range []string{
		`null`,
		`{}`,
		`{"a":1,"b":[true,false,null],"c":{"d":-1.5e3}}`,
		`{"s":"<b>&amp;</b> x > y"}`,
		`{"s":"quote \" backslash \\ <tag> \\\" end"}`,
		`{"s":"line\u2028sep\u2029para", "t": "\u00e9\u4e2d"}`,
		"{\"s\":\"raw \u2028 and \u2029 in a string\"}",
		"{ \"spaced\" : [ 1 , 2 ] ,\n\t\"s\" : \"keep  these   spaces\" }",
		`{"s":"ends with backslash \\","t":"<"}`,
		`{"k<":"v>"}`,
		`["\\\\","\\"]`,
	} {
		want, err := json.Marshal(&graphql.Response{Data: json.RawMessage(data)})
		if err != nil {
			t.Fatalf("json.Marshal %q: %v", data, err)
		}
		if got := appendData(nil, []byte(data)); !bytes.Equal(got, want) {
			t.Errorf("appendData(%q)\n= %s\nwant %s", data, got, want)
		}
	}
}

// TestLeanPOSTAnswersAsPOST: a server with leanPOST gives the same
// status, content type and bytes as one with gqlgen's POST, for answers
// it writes itself and for the ones it leaves to POST.
func TestLeanPOSTAnswersAsPOST(t *testing.T) {
	m := memstore.New()
	cables := storetest.Fixtures(t)
	hashes := make([]string, len(cables))
	for i, c := range cables {
		hashes[i] = "h-" + c.ID
	}
	if err := m.WriteCables(context.Background(), cables, hashes); err != nil {
		t.Fatal(err)
	}
	start := func(post graphql.Transport) string {
		h, err := newHandler(Config{Store: m, Introspection: true}, post)
		if err != nil {
			t.Fatal(err)
		}
		srv := httptest.NewServer(h)
		t.Cleanup(srv.Close)
		return srv.URL + "/graphql"
	}
	lean, plain := start(leanPOST{}), start(transport.POST{})
	for _, c := range []struct {
		name, body, accept string
	}{
		{"cable", `{"query":"{ cable(id: \"08MOSCOW235\") { id subject tags { code meaning } persons { key name } citedBy { id } } }"}`, ""},
		{"search", `{"query":"query S($q: String!) { search(query: $q, first: 5) { edges { cursor node { score cable { id subject } } } } }","variables":{"q":"Kosovo"}}`, ""},
		{"graphql-response accept", `{"query":"{ stats { cables } }"}`, "application/graphql-response+json"},
		{"field error", `{"query":"{ cable(id: \"NOPE\") { id } }"}`, ""},
		{"invalid query", `{"query":"{ cable(id: 1) { nosuchfield } }"}`, ""},
		{"invalid query graphql-response", `{"query":"{ nosuch }"}`, "application/graphql-response+json"},
		{"bad json", `{"query":`, ""},
		{"empty", `{}`, ""},
	} {
		do := func(url string) (int, string, []byte) {
			req, err := http.NewRequest(http.MethodPost, url, bytes.NewBufferString(c.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/json")
			if c.accept != "" {
				req.Header.Set("Accept", c.accept)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, err := io.ReadAll(resp.Body)
			if err != nil {
				t.Fatal(err)
			}
			return resp.StatusCode, resp.Header.Get("Content-Type"), b
		}
		ls, lt, lb := do(lean)
		ps, pt, pb := do(plain)
		if ls != ps || lt != pt || !bytes.Equal(lb, pb) {
			t.Errorf("%s: leanPOST %d %s %s\nPOST     %d %s %s", c.name, ls, lt, lb, ps, pt, pb)
		}
		if len(pb) == 0 {
			t.Errorf("%s: empty answer", c.name)
		}
	}
}
