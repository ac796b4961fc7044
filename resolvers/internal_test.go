package resolvers

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/explorer"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// brokenStore fails the way a database does, with detail that must never
// reach clients.
type brokenStore struct {
	graph.Reader
}

var errSecret = errors.New("bolt://10.0.0.7:7687 connection refused (secret detail)")

func (brokenStore) Stats(context.Context) (*graph.Stats, error) { return nil, errSecret }
func (brokenStore) Ping(context.Context) error                  { return errSecret }

// slowStore blocks until the request deadline, to show it reaches the store.
type slowStore struct {
	graph.Reader
}

func (slowStore) Stats(ctx context.Context) (*graph.Stats, error) {
	<-ctx.Done()
	return nil, ctx.Err()
}

func serve(t *testing.T, cfg Config) (*httptest.Server, *strings.Builder) {
	t.Helper()
	logs := &strings.Builder{}
	cfg.Logger = slog.New(slog.NewJSONHandler(logs, nil))
	h, err := NewHandler(cfg)
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv, logs
}

type gqlResponse struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

func post(t *testing.T, url, query string) (*gqlResponse, *http.Response) {
	t.Helper()
	b, _ := json.Marshal(map[string]any{"query": query})
	resp, err := http.Post(url, "application/json", strings.NewReader(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out gqlResponse
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	return &out, resp
}

func TestInternalErrorsAreHidden(t *testing.T) {
	srv, logs := serve(t, Config{Store: brokenStore{memstore.New()}})
	out, resp := post(t, srv.URL+"/graphql", `{ stats { cables } }`)
	if len(out.Errors) != 1 {
		t.Fatalf("errors = %+v", out.Errors)
	}
	id := resp.Header.Get("X-Request-Id")
	msg := out.Errors[0].Message
	if id == "" || msg != "internal error (request id "+id+")" {
		t.Errorf("message %q, request id %q", msg, id)
	}
	if strings.Contains(msg, "secret") || out.Errors[0].Extensions["code"] != "INTERNAL" {
		t.Errorf("internal detail leaked or code missing: %+v", out.Errors[0])
	}
	if !strings.Contains(logs.String(), "secret detail") || !strings.Contains(logs.String(), id) {
		t.Errorf("the log lacks the detail or the request id: %s", logs.String())
	}
}

func TestHealthzReportsStoreDown(t *testing.T) {
	cases := []struct {
		name  string
		store graph.Reader
		code  int
	}{
		{"up", memstore.New(), http.StatusOK},
		{"down", brokenStore{memstore.New()}, http.StatusServiceUnavailable},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			srv, _ := serve(t, Config{Store: c.store})
			resp, err := http.Get(srv.URL + "/healthz")
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != c.code {
				t.Errorf("status %d, want %d (%s)", resp.StatusCode, c.code, body)
			}
			if strings.Contains(string(body), "secret") {
				t.Errorf("healthz leaks detail: %s", body)
			}
		})
	}
}

func TestReadyzWaitsForWarmUp(t *testing.T) {
	var warmed atomic.Bool
	get := func(t *testing.T, url string) (int, string) {
		t.Helper()
		resp, err := http.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	warming, _ := serve(t, Config{Store: memstore.New(), Ready: warmed.Load})
	always, _ := serve(t, Config{Store: memstore.New()})
	down, _ := serve(t, Config{Store: brokenStore{memstore.New()}, Ready: func() bool { return true }})
	cases := []struct {
		name, url string
		warm      bool
		code      int
		status    string
	}{
		{"warming: alive", warming.URL + "/healthz", false, http.StatusOK, `"ok"`},
		{"warming: not ready", warming.URL + "/readyz", false, http.StatusServiceUnavailable, `"warming"`},
		{"warmed: ready", warming.URL + "/readyz", true, http.StatusOK, `"ok"`},
		{"no warm-up: ready", always.URL + "/readyz", false, http.StatusOK, `"ok"`},
		{"store down: not ready", down.URL + "/readyz", true, http.StatusServiceUnavailable, `"unavailable"`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			warmed.Store(c.warm)
			code, body := get(t, c.url)
			if code != c.code || !strings.Contains(body, c.status) {
				t.Errorf("%d %s, want %d with status %s", code, body, c.code, c.status)
			}
		})
	}
}

func TestDeadlineReachesStore(t *testing.T) {
	srv, _ := serve(t, Config{Store: slowStore{memstore.New()}, Timeout: 50 * time.Millisecond})
	out, _ := post(t, srv.URL+"/graphql", `{ stats { cables } }`)
	if len(out.Errors) != 1 || out.Errors[0].Extensions["code"] != "TIMEOUT" {
		t.Fatalf("errors = %+v, want one TIMEOUT", out.Errors)
	}
}

func TestNewHandlerNeedsStore(t *testing.T) {
	if _, err := NewHandler(Config{}); err == nil {
		t.Fatal("NewHandler without a store succeeded")
	}
}

// TestPlaygroundIsServedOffline checks that / serves the bundled GraphiQL
// of the explorer package (no CDN) with a link to the explorer.
func TestPlaygroundIsServedOffline(t *testing.T) {
	srv, _ := serve(t, Config{Store: memstore.New(), Explorer: explorer.Handler()})
	for path, want := range map[string]string{
		"/":                      `href="/explore/"`,
		"/explore/":              `id="cy"`,
		"/explore/playground.js": "GraphiQL",
	} {
		resp, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), want) {
			t.Errorf("GET %s = %d, lacks %q", path, resp.StatusCode, want)
		}
		if path == "/" && (strings.Contains(string(body), "cdn.") || strings.Contains(string(body), "unpkg")) {
			t.Errorf("the playground loads from a CDN")
		}
	}
}

func TestBodyLimit(t *testing.T) {
	srv, _ := serve(t, Config{Store: memstore.New()})
	big := `{"query":"{ stats { cables } }","variables":{"pad":"` + strings.Repeat("x", maxBodyBytes) + `"}}`
	resp, err := http.Post(srv.URL+"/graphql", "application/json", strings.NewReader(big))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status %d for a body over the limit, want 413", resp.StatusCode)
	}
}
