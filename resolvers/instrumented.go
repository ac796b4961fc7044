package resolvers

import (
	"context"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// instrumentedReader decorates a graph.Reader with per-method call counts,
// error counts and latency histograms. It is how /metrics sees the store,
// and how the N+1 test counts store calls.
type instrumentedReader struct {
	r graph.Reader
	m *Metrics
}

var _ graph.Reader = (*instrumentedReader)(nil)

func (ir *instrumentedReader) record(method string, start time.Time, err error) {
	ir.m.Add("cablegraph_store_calls_total", 1, "method", method)
	ir.m.Observe("cablegraph_store_call_duration_seconds", time.Since(start), "method", method)
	if err != nil {
		ir.m.Add("cablegraph_store_errors_total", 1, "method", method)
	}
}

func (ir *instrumentedReader) Cables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	start := time.Now()
	out, err := ir.r.Cables(ctx, ids)
	ir.record("Cables", start, err)
	return out, err
}

func (ir *instrumentedReader) ListCables(ctx context.Context, f graph.CableFilter, order graph.CableOrder, p graph.Page) (graph.IDPage, error) {
	start := time.Now()
	out, err := ir.r.ListCables(ctx, f, order, p)
	ir.record("ListCables", start, err)
	return out, err
}

func (ir *instrumentedReader) Search(ctx context.Context, query string, p graph.Page) (graph.SearchPage, error) {
	start := time.Now()
	out, err := ir.r.Search(ctx, query, p)
	ir.record("Search", start, err)
	return out, err
}

func (ir *instrumentedReader) CitedBy(ctx context.Context, ids []string) (map[string][]graph.Citation, error) {
	start := time.Now()
	out, err := ir.r.CitedBy(ctx, ids)
	ir.record("CitedBy", start, err)
	return out, err
}

func (ir *instrumentedReader) Persons(ctx context.Context, keys []string) ([]*graph.Person, error) {
	start := time.Now()
	out, err := ir.r.Persons(ctx, keys)
	ir.record("Persons", start, err)
	return out, err
}

func (ir *instrumentedReader) FindPersons(ctx context.Context, name string, limit int) ([]*graph.Person, error) {
	start := time.Now()
	out, err := ir.r.FindPersons(ctx, name, limit)
	ir.record("FindPersons", start, err)
	return out, err
}

func (ir *instrumentedReader) PersonsOfCables(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
	start := time.Now()
	out, err := ir.r.PersonsOfCables(ctx, ids)
	ir.record("PersonsOfCables", start, err)
	return out, err
}

func (ir *instrumentedReader) Interactions(ctx context.Context, f graph.InteractionFilter) ([]graph.Interaction, error) {
	start := time.Now()
	out, err := ir.r.Interactions(ctx, f)
	ir.record("Interactions", start, err)
	return out, err
}

func (ir *instrumentedReader) Country(ctx context.Context, codeOrName string) (*graph.Country, error) {
	start := time.Now()
	out, err := ir.r.Country(ctx, codeOrName)
	ir.record("Country", start, err)
	return out, err
}

func (ir *instrumentedReader) Tag(ctx context.Context, code string) (*graph.Tag, error) {
	start := time.Now()
	out, err := ir.r.Tag(ctx, code)
	ir.record("Tag", start, err)
	return out, err
}

func (ir *instrumentedReader) TagsByMeaning(ctx context.Context, text string) ([]*graph.Tag, error) {
	start := time.Now()
	out, err := ir.r.TagsByMeaning(ctx, text)
	ir.record("TagsByMeaning", start, err)
	return out, err
}

func (ir *instrumentedReader) Organizations(ctx context.Context, keys []string) ([]*graph.Organization, error) {
	start := time.Now()
	out, err := ir.r.Organizations(ctx, keys)
	ir.record("Organizations", start, err)
	return out, err
}

func (ir *instrumentedReader) CableDates(ctx context.Context, f graph.CableFilter) ([]time.Time, error) {
	start := time.Now()
	out, err := ir.r.CableDates(ctx, f)
	ir.record("CableDates", start, err)
	return out, err
}

func (ir *instrumentedReader) Stats(ctx context.Context) (*graph.Stats, error) {
	start := time.Now()
	out, err := ir.r.Stats(ctx)
	ir.record("Stats", start, err)
	return out, err
}

func (ir *instrumentedReader) ListPersons(ctx context.Context, query string, p graph.Page) ([]*graph.Person, int, error) {
	start := time.Now()
	out, total, err := ir.r.ListPersons(ctx, query, p)
	ir.record("ListPersons", start, err)
	return out, total, err
}

func (ir *instrumentedReader) Edges(ctx context.Context, nodes []graph.NodeRef, limit int) ([]graph.Edge, int, error) {
	start := time.Now()
	out, total, err := ir.r.Edges(ctx, nodes, limit)
	ir.record("Edges", start, err)
	return out, total, err
}

func (ir *instrumentedReader) Ping(ctx context.Context) error {
	start := time.Now()
	err := ir.r.Ping(ctx)
	ir.record("Ping", start, err)
	return err
}

// Unwrap returns the decorated Reader, so that graph/query finds a store's
// optional pushdown interfaces (query.ReaderAs) behind the metrics.
func (ir *instrumentedReader) Unwrap() graph.Reader { return ir.r }
