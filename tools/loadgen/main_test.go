package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

func TestSummarizePercentiles(t *testing.T) {
	var lat []time.Duration
	for i := 100; i >= 1; i-- {
		lat = append(lat, time.Duration(i)*time.Millisecond)
	}
	r := summarize("t", "q", lat, 3, 2, 2*time.Second)
	if r.P50ms != 50 || r.P99ms != 99 || r.MaxMs != 100 {
		t.Errorf("percentiles = %v/%v/%v, want 50/99/100", r.P50ms, r.P99ms, r.MaxMs)
	}
	if r.RPS != 50 || r.Errors != 3 || r.Requests != 100 {
		t.Errorf("rps=%v errors=%d requests=%d", r.RPS, r.Errors, r.Requests)
	}
}

func TestRunCountsRequestsAndErrors(t *testing.T) {
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		var q namedQuery
		_ = json.NewDecoder(r.Body).Decode(&q)
		if strings.Contains(q.Query, "bad") {
			_, _ = w.Write([]byte(`{"errors":[{"message":"nope"}]}`))
			return
		}
		_, _ = w.Write([]byte(`{"data":{"x":1}}`))
	}))
	defer srv.Close()
	qf := filepath.Join(t.TempDir(), "q.json")
	if err := os.WriteFile(qf, []byte(`{"good":{"query":"{x}"},"bad":{"query":"{bad}"}}`), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	err := run(context.Background(), []string{"-url", srv.URL, "-queries", qf, "-duration", "200ms", "-warmup", "0", "-concurrency", "2"}, &out)
	if err != nil {
		t.Fatal(err)
	}
	dec := json.NewDecoder(&out)
	got := map[string]Result{}
	for dec.More() {
		var r Result
		if err := dec.Decode(&r); err != nil {
			t.Fatal(err)
		}
		got[r.Query] = r
	}
	if got["good"].Requests == 0 || got["good"].Errors != 0 {
		t.Errorf("good: %+v", got["good"])
	}
	if got["bad"].Errors != got["bad"].Requests || got["bad"].FirstError == "" {
		t.Errorf("bad: %+v", got["bad"])
	}
	if int64(got["good"].Requests+got["bad"].Requests) > n.Load() {
		t.Errorf("counted more requests than the server saw")
	}
}

func TestRunRefusesNonLoopback(t *testing.T) {
	err := run(context.Background(), []string{"-url", "http://10.0.0.1/graphql", "-queries", "x"}, &bytes.Buffer{})
	if err == nil || !strings.Contains(err.Error(), "loopback") {
		t.Fatalf("err = %v, want loopback refusal", err)
	}
}

func TestVaryAsksADifferentQuestionEachRequest(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]int{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var q namedQuery
		_ = json.NewDecoder(r.Body).Decode(&q)
		mu.Lock()
		seen[fmt.Sprint(q.Variables["until"], "/", q.Variables["topic"])]++
		mu.Unlock()
		_, _ = w.Write([]byte(`{"data":{"x":1}}`))
	}))
	defer srv.Close()
	qf := filepath.Join(t.TempDir(), "q.json")
	spec := `{"d":{"query":"{x}","variables":{"topic":"Kosovo"},"vary":{"variable":"until","fromDate":"2008-02-27","days":3}}}`
	if err := os.WriteFile(qf, []byte(spec), 0o644); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"-url", srv.URL, "-queries", qf, "-duration", "200ms", "-warmup", "0", "-concurrency", "2"}, &out); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	want := []string{"2008-02-27/Kosovo", "2008-02-28/Kosovo", "2008-02-29/Kosovo"}
	if len(seen) != len(want) {
		t.Fatalf("questions asked = %v, want exactly %v", seen, want)
	}
	for _, k := range want {
		if seen[k] == 0 {
			t.Errorf("never asked %s (asked %v)", k, seen)
		}
	}
}

func TestVaryRejectsBadSpecs(t *testing.T) {
	for _, v := range []vary{{Variable: "until", FromDate: "27/02/2008", Days: 3}, {FromDate: "2008-02-27", Days: 3}, {Variable: "until", FromDate: "2008-02-27"}} {
		if _, err := (namedQuery{Query: "{x}", Vary: &v}).bodies(); err == nil {
			t.Errorf("vary %+v accepted", v)
		}
	}
}
