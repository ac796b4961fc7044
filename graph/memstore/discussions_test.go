package memstore_test

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
)

// TestDiscussionsSourceSameAnswers: discussions answered through the
// memstore's DiscussionsSource (one read lock, sentences filtered before
// they are copied) equal those answered over the plain Reader, on the
// real shared cables, for topics that are tag codes, countries, people
// and plain words, with and without co-mentions and a window.
func TestDiscussionsSourceSameAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("parses the 6,712 shared cables")
	}
	ctx := context.Background()
	cables := corpus(t)
	st := memstore.New()
	hs := make([]string, len(cables))
	for i, c := range cables {
		hs[i] = c.ID
	}
	if err := st.WriteCables(ctx, cables, hs); err != nil {
		t.Fatal(err)
	}
	if _, ok := query.ReaderAs[query.DiscussionsSource](st); !ok {
		t.Fatal("memstore is not a query.DiscussionsSource")
	}
	fast, slow := query.New(st, nil), query.New(plainReader{st}, nil)
	since := time.Date(2008, 1, 1, 0, 0, 0, 0, time.UTC)
	until := time.Date(2009, 6, 30, 0, 0, 0, 0, time.UTC)
	nonEmpty := 0
	for _, topic := range []string{"Kosovo", "KV", "Iran", "nuclear", "oil", "Russia", "election", "Lavrov", "PREL", "trade", "Afghanistan", "human rights", "Hamas", "zzznothing"} {
		for _, q := range []graph.DiscussionQuery{
			{Topic: topic},
			{Topic: topic, IncludeCoMentions: true, First: 100},
			{Topic: topic, Since: &since, Until: &until},
		} {
			want, err := slow.Discussions(ctx, q)
			if err != nil {
				t.Fatalf("%+v over the Reader: %v", q, err)
			}
			got, err := fast.Discussions(ctx, q)
			if err != nil {
				t.Fatalf("%+v on the DiscussionsSource: %v", q, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v:\n got %+v\nwant %+v", q, got, want)
			}
			if len(want) > 0 {
				nonEmpty++
			}
		}
	}
	if nonEmpty < 20 {
		t.Fatalf("only %d questions had discussions: the comparison proves little", nonEmpty)
	}
	t.Logf("%d non-empty answers compared", nonEmpty)
}
