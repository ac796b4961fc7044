package resolvers

import (
	"strings"
	"testing"
	"time"
)

func TestMetricsExposition(t *testing.T) {
	m := NewMetrics()
	m.Add("cablegraph_store_calls_total", 1, "method", "Cables")
	m.Add("cablegraph_store_calls_total", 2, "method", "Cables")
	m.Add("cablegraph_http_requests_total", 1, "path", `/a"b`, "code", "200")
	m.Observe("cablegraph_store_call_duration_seconds", 3*time.Millisecond, "method", "Cables")
	m.Observe("cablegraph_store_call_duration_seconds", 2*time.Second, "method", "Cables")
	var b strings.Builder
	if _, err := m.WriteTo(&b); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"# TYPE cablegraph_store_calls_total counter\n",
		`cablegraph_store_calls_total{method="Cables"} 3` + "\n",
		`cablegraph_http_requests_total{path="/a\"b",code="200"} 1` + "\n",
		`cablegraph_store_call_duration_seconds_bucket{method="Cables",le="0.001"} 0` + "\n",
		`cablegraph_store_call_duration_seconds_bucket{method="Cables",le="0.005"} 1` + "\n",
		`cablegraph_store_call_duration_seconds_bucket{method="Cables",le="2.5"} 2` + "\n",
		`cablegraph_store_call_duration_seconds_bucket{method="Cables",le="+Inf"} 2` + "\n",
		`cablegraph_store_call_duration_seconds_count{method="Cables"} 2` + "\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("exposition lacks %q:\n%s", want, out)
		}
	}
	if got := m.Counter("cablegraph_store_calls_total", "method", "Cables"); got != 3 {
		t.Errorf("Counter = %v, want 3", got)
	}
}
