package resolvers

import (
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Metrics is a small Prometheus text-format registry written with the
// standard library: the handful of counters and histograms this service
// needs do not justify the client library's dependency tree.
type Metrics struct {
	mu         sync.Mutex
	counters   map[string]map[string]float64 // name -> label string -> value
	histograms map[string]map[string]*histogram
	help       map[string]string
}

// latencyBuckets are the histogram upper bounds in seconds.
var latencyBuckets = []float64{0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

type histogram struct {
	counts []uint64 // per bucket, not cumulative
	sum    float64
	total  uint64
}

// NewMetrics returns an empty registry.
func NewMetrics() *Metrics {
	return &Metrics{
		counters:   map[string]map[string]float64{},
		histograms: map[string]map[string]*histogram{},
		help: map[string]string{
			"cablegraph_http_requests_total":         "HTTP requests by path and status code.",
			"cablegraph_graphql_requests_total":      "GraphQL operations by operation name and outcome (ok or error).",
			"cablegraph_graphql_duration_seconds":    "GraphQL operation latency by operation name.",
			"cablegraph_graphql_errors_total":        "GraphQL errors by class (user or internal).",
			"cablegraph_store_calls_total":           "Store (graph.Reader) calls by method.",
			"cablegraph_store_errors_total":          "Store calls that failed, by method.",
			"cablegraph_store_call_duration_seconds": "Store call latency by method.",
		},
	}
}

// labels renders label pairs in the exposition format.
func labels(kv ...string) string {
	var b strings.Builder
	for i := 0; i+1 < len(kv); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(kv[i])
		b.WriteString(`="`)
		b.WriteString(escapeLabel(kv[i+1]))
		b.WriteByte('"')
	}
	return b.String()
}

// Add increments a counter.
func (m *Metrics) Add(name string, v float64, kv ...string) {
	l := labels(kv...)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.counters[name] == nil {
		m.counters[name] = map[string]float64{}
	}
	m.counters[name][l] += v
}

// Observe records a duration in a histogram.
func (m *Metrics) Observe(name string, d time.Duration, kv ...string) {
	l := labels(kv...)
	s := d.Seconds()
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.histograms[name] == nil {
		m.histograms[name] = map[string]*histogram{}
	}
	h := m.histograms[name][l]
	if h == nil {
		h = &histogram{counts: make([]uint64, len(latencyBuckets)+1)}
		m.histograms[name][l] = h
	}
	i := sort.SearchFloat64s(latencyBuckets, s)
	h.counts[i]++
	h.sum += s
	h.total++
}

// Counter returns a counter's current value (used by tests and /metrics).
func (m *Metrics) Counter(name string, kv ...string) float64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.counters[name][labels(kv...)]
}

// WriteTo writes every metric in the Prometheus text format, sorted so
// that scrapes are stable.
func (m *Metrics) WriteTo(w io.Writer) (int64, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	var b strings.Builder
	for _, name := range sortedKeys(m.counters) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s counter\n", name, m.help[name], name)
		for _, l := range sortedKeys(m.counters[name]) {
			fmt.Fprintf(&b, "%s{%s} %s\n", name, l, formatFloat(m.counters[name][l]))
		}
	}
	for _, name := range sortedKeys(m.histograms) {
		fmt.Fprintf(&b, "# HELP %s %s\n# TYPE %s histogram\n", name, m.help[name], name)
		for _, l := range sortedKeys(m.histograms[name]) {
			h := m.histograms[name][l]
			var cum uint64
			for i, le := range latencyBuckets {
				cum += h.counts[i]
				fmt.Fprintf(&b, "%s_bucket{%s,le=%q} %d\n", name, l, formatFloat(le), cum)
			}
			fmt.Fprintf(&b, "%s_bucket{%s,le=\"+Inf\"} %d\n", name, l, h.total)
			fmt.Fprintf(&b, "%s_sum{%s} %s\n%s_count{%s} %d\n", name, l, formatFloat(h.sum), name, l, h.total)
		}
	}
	n, err := io.WriteString(w, b.String())
	return int64(n), err
}

func formatFloat(f float64) string {
	if math.IsInf(f, 1) {
		return "+Inf"
	}
	return strconv.FormatFloat(f, 'g', -1, 64)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// ServeHTTP serves /metrics.
func (m *Metrics) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	_, _ = m.WriteTo(w)
}

// escapeLabel escapes a Prometheus label value. Most values need nothing,
// and a Replacer built per call was a measurable share of each request's
// garbage, so the common case returns the value as it is.
func escapeLabel(v string) string {
	if !strings.ContainsAny(v, "\\\"\n") {
		return v
	}
	var b strings.Builder
	b.Grow(len(v) + 2)
	for i := 0; i < len(v); i++ {
		switch c := v[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '"':
			b.WriteString(`\"`)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
