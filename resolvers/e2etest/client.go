package e2etest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
)

// Response is a decoded GraphQL answer plus what HTTP said.
type Response struct {
	Status int
	Header http.Header
	Data   map[string]any
	Errors []GQLError
	Raw    string
}

// GQLError is one entry of a GraphQL "errors" list.
type GQLError struct {
	Message    string         `json:"message"`
	Path       []any          `json:"path"`
	Extensions map[string]any `json:"extensions"`
}

// ErrorText joins the error messages, for assertions and failure output.
func (r *Response) ErrorText() string {
	var msgs []string
	for _, e := range r.Errors {
		msgs = append(msgs, e.Message)
	}
	return strings.Join(msgs, "; ")
}

// Post sends a real HTTP POST to url with a GraphQL body.
func Post(t testing.TB, url string, body map[string]any, header map[string]string) *Response {
	t.Helper()
	b, err := json.Marshal(body)
	if err != nil {
		t.Fatalf("marshal request: %v", err)
	}
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(b))
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range header {
		req.Header.Set(k, v)
	}
	return Do(t, req)
}

// Query posts a query with variables to url and fails the test on
// transport problems (not on GraphQL errors, which callers check).
func Query(t testing.TB, url, query string, vars map[string]any) *Response {
	t.Helper()
	body := map[string]any{"query": query}
	if vars != nil {
		body["variables"] = vars
	}
	return Post(t, url, body, nil)
}

// Do sends any request and decodes a GraphQL answer when there is one.
func Do(t testing.TB, req *http.Request) *Response {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body: %v", err)
	}
	out := &Response{Status: resp.StatusCode, Header: resp.Header, Raw: string(raw)}
	if strings.Contains(resp.Header.Get("Content-Type"), "json") {
		var env struct {
			Data   map[string]any `json:"data"`
			Errors []GQLError     `json:"errors"`
		}
		if err := json.Unmarshal(raw, &env); err != nil {
			t.Fatalf("decode %q: %v", raw, err)
		}
		out.Data, out.Errors = env.Data, env.Errors
	}
	return out
}

// Path walks decoded JSON: Path(data, "cable", "tags", 0, "code").
func Path(v any, steps ...any) any {
	for _, s := range steps {
		switch k := s.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				return nil
			}
			v = m[k]
		case int:
			l, ok := v.([]any)
			if !ok || k >= len(l) {
				return nil
			}
			v = l[k]
		}
	}
	return v
}
