// Command loadgen measures GraphQL query latency and throughput on loopback.
//
// It exists so that cablegraph and any peer GraphQL server (the Neo4j
// GraphQL Library in bench/) are measured by the same client in the same
// way: a fixed number of concurrent workers send one named query for a
// bounded time, and the latency percentiles and request rate are printed
// as one JSON line per query.
//
// Usage:
//
//	loadgen -url http://127.0.0.1:8080/graphql -queries bench/queries/cablegraph.json -duration 10s -concurrency 4
//
// The queries file is a JSON object {"name": {"query": "...", "variables": {...}}}.
// A query may also say how its variables vary from request to request, so
// that a server which remembers answers is measured on questions it has
// not seen: "vary": {"variable": "until", "fromDate": "2005-01-01", "days": 2000}
// gives request i (counted across the warm-up and the measured run) the
// variable set to fromDate plus i modulo days, as YYYY-MM-DD.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

type namedQuery struct {
	Query     string         `json:"query"`
	Variables map[string]any `json:"variables,omitempty"`
	Vary      *vary          `json:"vary,omitempty"`
}

// vary makes each request of a query ask a different question: the
// variable Variable takes the dates FromDate, FromDate+1 day, ... for
// Days requests, then starts again.
type vary struct {
	Variable string `json:"variable"`
	FromDate string `json:"fromDate"`
	Days     int    `json:"days"`
}

// bodies returns the request bodies of q: one, or one per date of Vary.
func (q namedQuery) bodies() ([][]byte, error) {
	if q.Vary == nil {
		b, err := json.Marshal(namedQuery{Query: q.Query, Variables: q.Variables})
		return [][]byte{b}, err
	}
	from, err := time.Parse(time.DateOnly, q.Vary.FromDate)
	if err != nil {
		return nil, fmt.Errorf("vary.fromDate: %w", err)
	}
	if q.Vary.Variable == "" || q.Vary.Days < 1 || q.Vary.Days > 100000 {
		return nil, errors.New("vary needs a variable and 1 to 100000 days")
	}
	out := make([][]byte, q.Vary.Days)
	for i := range out {
		vars := map[string]any{}
		for k, v := range q.Variables {
			vars[k] = v
		}
		vars[q.Vary.Variable] = from.AddDate(0, 0, i).Format(time.DateOnly)
		if out[i], err = json.Marshal(namedQuery{Query: q.Query, Variables: vars}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// bodyCycle hands out a query's bodies in turn, to every worker.
type bodyCycle struct {
	bodies [][]byte
	next   atomic.Uint64
}

func (c *bodyCycle) body() []byte {
	return c.bodies[(c.next.Add(1)-1)%uint64(len(c.bodies))]
}

// Result is one query's measurement.
type Result struct {
	Target      string  `json:"target"`
	Query       string  `json:"query"`
	Requests    int     `json:"requests"`
	Errors      int     `json:"errors"`
	Concurrency int     `json:"concurrency"`
	Seconds     float64 `json:"seconds"`
	RPS         float64 `json:"rps"`
	P50ms       float64 `json:"p50_ms"`
	P95ms       float64 `json:"p95_ms"`
	P99ms       float64 `json:"p99_ms"`
	MaxMs       float64 `json:"max_ms"`
	FirstError  string  `json:"first_error,omitempty"`
}

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadgen", flag.ContinueOnError)
	target := fs.String("url", "http://127.0.0.1:8080/graphql", "GraphQL endpoint (loopback only)")
	name := fs.String("name", "cablegraph", "label for the target in the output")
	file := fs.String("queries", "", "JSON file of named queries")
	only := fs.String("only", "", "comma-separated query names to run (default all)")
	dur := fs.Duration("duration", 10*time.Second, "how long to load each query (bounded)")
	warm := fs.Duration("warmup", 2*time.Second, "warm-up time per query, not measured")
	conc := fs.Int("concurrency", 4, "concurrent workers")
	token := fs.String("token", "", "bearer token")
	if err := fs.Parse(args); err != nil {
		return err
	}
	u, err := url.Parse(*target)
	if err != nil {
		return fmt.Errorf("bad -url: %w", err)
	}
	if h := u.Hostname(); h != "127.0.0.1" && h != "localhost" && h != "::1" {
		return errors.New("-url must be a loopback address")
	}
	if *dur > 5*time.Minute {
		return errors.New("-duration is capped at 5m")
	}
	raw, err := os.ReadFile(*file)
	if err != nil {
		return fmt.Errorf("reading queries: %w", err)
	}
	var qs map[string]namedQuery
	if err := json.Unmarshal(raw, &qs); err != nil {
		return fmt.Errorf("parsing %s: %w", *file, err)
	}
	names := make([]string, 0, len(qs))
	for n := range qs {
		if *only == "" || contains(strings.Split(*only, ","), n) {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc * 2}}
	enc := json.NewEncoder(stdout)
	for _, n := range names {
		bodies, err := qs[n].bodies()
		if err != nil {
			return fmt.Errorf("query %s: %w", n, err)
		}
		cycle := &bodyCycle{bodies: bodies}
		if *warm > 0 {
			measure(ctx, client, *target, *token, cycle, *conc, *warm)
		}
		lat, errs, firstErr, elapsed := measure(ctx, client, *target, *token, cycle, *conc, *dur)
		r := summarize(*name, n, lat, errs, *conc, elapsed)
		r.FirstError = firstErr
		if err := enc.Encode(r); err != nil {
			return err
		}
	}
	return nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.TrimSpace(x) == s {
			return true
		}
	}
	return false
}

func measure(ctx context.Context, c *http.Client, target, token string, bodies *bodyCycle, conc int, d time.Duration) ([]time.Duration, int, string, time.Duration) {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var (
		mu       sync.Mutex
		all      []time.Duration
		errs     int
		firstErr string
		wg       sync.WaitGroup
	)
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var local []time.Duration
			lerrs := 0
			lfirst := ""
			for ctx.Err() == nil {
				t0 := time.Now()
				err := once(ctx, c, target, token, bodies.body())
				if ctx.Err() != nil {
					break
				}
				local = append(local, time.Since(t0))
				if err != nil {
					lerrs++
					if lfirst == "" {
						lfirst = err.Error()
					}
				}
			}
			mu.Lock()
			all = append(all, local...)
			errs += lerrs
			if firstErr == "" {
				firstErr = lfirst
			}
			mu.Unlock()
		}()
	}
	wg.Wait()
	return all, errs, firstErr, time.Since(start)
}

func once(ctx context.Context, c *http.Client, target, token string, body []byte) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("HTTP %d: %.200s", resp.StatusCode, b)
	}
	var out struct {
		Errors []json.RawMessage `json:"errors"`
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Errorf("bad JSON: %w", err)
	}
	if len(out.Errors) > 0 {
		return fmt.Errorf("GraphQL error: %.300s", out.Errors[0])
	}
	return nil
}

func summarize(target, name string, lat []time.Duration, errs, conc int, elapsed time.Duration) Result {
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	pct := func(p float64) float64 {
		if len(lat) == 0 {
			return 0
		}
		i := int(p * float64(len(lat)-1))
		return float64(lat[i].Microseconds()) / 1000
	}
	r := Result{Target: target, Query: name, Requests: len(lat), Errors: errs, Concurrency: conc,
		Seconds: elapsed.Seconds(), P50ms: pct(0.50), P95ms: pct(0.95), P99ms: pct(0.99)}
	if len(lat) > 0 {
		r.MaxMs = float64(lat[len(lat)-1].Microseconds()) / 1000
	}
	if elapsed > 0 {
		r.RPS = float64(len(lat)) / elapsed.Seconds()
	}
	return r
}
