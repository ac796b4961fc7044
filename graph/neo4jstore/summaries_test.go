package neo4jstore

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

var (
	_ query.CableSummarySource = (*Store)(nil)
	_ query.CableLabelSource   = (*Store)(nil)
)

// TestNeo4jCableSummariesMatchCables checks that each summary and label
// field (CableSummaries, CableLabels) equals the field Cables decodes from
// the document (dates in UTC, a cable with no date, the order asked,
// unknown and repeated ids).
func TestNeo4jCableSummariesMatchCables(t *testing.T) {
	ctx := context.Background()
	s := openEmpty(t)
	t.Cleanup(func() { _ = wipe(context.Background(), s) }) // leave no fixtures to the next package's tests
	cables := storetest.HandBuilt()
	if err := s.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	ids := []string{"00NOSUCHCABLE1"}
	for i := len(cables) - 1; i >= 0; i-- {
		ids = append(ids, cables[i].ID)
	}
	ids = append(ids, cables[0].ID)
	whole, err := s.Cables(ctx, ids)
	if err != nil {
		t.Fatalf("Cables: %v", err)
	}
	sums, err := s.CableSummaries(ctx, ids)
	if err != nil {
		t.Fatalf("CableSummaries: %v", err)
	}
	if len(whole) != len(ids)-1 || len(sums) != len(whole) {
		t.Fatalf("%d ids, %d cables, %d summaries", len(ids), len(whole), len(sums))
	}
	labels, err := s.CableLabels(ctx, ids)
	if err != nil {
		t.Fatalf("CableLabels: %v", err)
	}
	if len(labels) != len(whole) {
		t.Fatalf("%d cables, %d labels", len(whole), len(labels))
	}
	described := 0
	for i, c := range whole {
		want := &graph.Cable{ID: c.ID, Created: c.Created, Classification: c.Classification, Origin: c.Origin,
			Subject: c.Subject, Countries: c.Countries, TagInfo: c.TagInfo}
		if !reflect.DeepEqual(labels[i], want) {
			t.Errorf("labels %d:\n got %+v\nwant %+v", i, labels[i], want)
		}
		if len(c.Countries) > 0 && len(c.TagInfo) > 0 {
			described++
		}
	}
	if described == 0 {
		t.Errorf("no cable with countries and tag meanings: the labels' lists were not checked")
	}
	undated := 0
	for i, c := range whole {
		want := &graph.Cable{ID: c.ID, Created: c.Created, Released: c.Released,
			Classification: c.Classification, Origin: c.Origin, Subject: c.Subject}
		if !reflect.DeepEqual(sums[i], want) {
			t.Errorf("summary %d:\n got %+v\nwant %+v", i, sums[i], want)
		}
		if c.Created == nil {
			undated++
		}
	}
	if undated == 0 {
		t.Errorf("no cable without a date: the null case was not checked")
	}
	if got, err := s.CableSummaries(ctx, nil); err != nil || len(got) != 0 {
		t.Errorf("CableSummaries(nil) = %v, %v", got, err)
	}
}
