package memstore_test

import (
	"context"
	"errors"
	"reflect"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestRememberAnswer: an answer is computed once and then remembered; a
// failed computation is not; a write forgets every answer, and an answer
// computed while a write happened is returned but not remembered; the
// answers' weight is bounded.
func TestRememberAnswer(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	computed := 0
	answer := func(v string, err error, during func()) func(context.Context) (any, int, error) {
		return func(context.Context) (any, int, error) {
			computed++
			if during != nil {
				during()
			}
			return v, 1, err
		}
	}
	heavy := func(v string, weight int) func(context.Context) (any, int, error) {
		return func(context.Context) (any, int, error) {
			computed++
			return v, weight, nil
		}
	}
	write := func() {
		c := &graph.Cable{ID: "09X" + string(rune('A'+computed)), Classification: graph.Unclassified}
		if err := s.WriteCables(ctx, []*graph.Cable{c}, []string{c.ID}); err != nil {
			t.Fatal(err)
		}
	}
	type step struct {
		name         string
		key          any
		compute      func(context.Context) (any, int, error)
		want         any
		wantErr      bool
		wantComputed int
	}
	boom := errors.New("boom")
	for _, st := range []step{
		{"first ask computes", "k", answer("a1", nil, nil), "a1", false, 1},
		{"second ask is remembered", "k", answer("a2", nil, nil), "a1", false, 1},
		{"another key computes", "j", answer("b1", nil, nil), "b1", false, 2},
		{"an error is returned", "e", answer("", boom, nil), nil, true, 3},
		{"an error is not remembered", "e", answer("e1", nil, nil), "e1", false, 4},
		{"a write forgets", "k", answer("a3", nil, write), "a3", false, 5},
		{"computed across a write: not remembered", "k", answer("a4", nil, nil), "a4", false, 6},
		{"now remembered", "k", answer("a5", nil, nil), "a4", false, 6},
		{"too heavy to keep", "h", heavy("h1", 1<<21), "h1", false, 7},
		{"too heavy: computed again", "h", heavy("h2", 1<<21), "h2", false, 8},
		{"light ones still kept", "k", answer("a6", nil, nil), "a4", false, 8},
		{"a heavy one that just fits", "f", heavy("f1", 1<<20), "f1", false, 9},
		{"kept", "f", heavy("f2", 1), "f1", false, 9},
		{"the memo started afresh for it", "k", answer("a7", nil, nil), "a7", false, 10},
		{"and again for this one", "f", heavy("f3", 1), "f3", false, 11},
		{"now both kept", "k", answer("a8", nil, nil), "a7", false, 11},
	} {
		if st.name == "a write forgets" {
			write()
		}
		got, err := s.RememberAnswer(ctx, st.key, st.compute)
		if (err != nil) != st.wantErr {
			t.Fatalf("%s: error %v", st.name, err)
		}
		if !st.wantErr && got != st.want {
			t.Errorf("%s: got %v, want %v", st.name, got, st.want)
		}
		if computed != st.wantComputed {
			t.Errorf("%s: computed %d times, want %d", st.name, computed, st.wantComputed)
		}
	}
}

// TestDiscussionsMemoDuringWrites asks discussions while cables are
// replaced (run with -race); once the writes stop, the remembered answer
// must be the one computed afresh over the plain Reader: no answer
// computed before a write outlives it.
func TestDiscussionsMemoDuringWrites(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	base := storetest.HandBuilt()
	if err := s.WriteCables(ctx, base, make([]string, len(base))); err != nil {
		t.Fatal(err)
	}
	q, plain := query.New(s, nil), query.New(plainReader{s}, nil)
	dq := graph.DiscussionQuery{Topic: "Kosovo", IncludeCoMentions: true}
	var wg sync.WaitGroup
	var stop atomic.Bool
	wg.Go(func() {
		defer stop.Store(true)
		for i := range 40 {
			batch := storetest.HandBuilt()
			if i%2 == 0 {
				batch = append(batch, storetest.Changed())
			}
			if err := s.WriteCables(ctx, batch, make([]string, len(batch))); err != nil {
				t.Errorf("write: %v", err)
				return
			}
		}
	})
	for range 3 {
		wg.Go(func() {
			for !stop.Load() {
				if _, err := q.Discussions(ctx, dq); err != nil {
					t.Errorf("discussions during writes: %v", err)
					return
				}
			}
		})
	}
	wg.Wait()
	want, err := plain.Discussions(ctx, dq)
	if err != nil {
		t.Fatal(err)
	}
	if len(want) == 0 {
		t.Fatal("no discussions of Kosovo in the hand-built cables: the comparison proves little")
	}
	for range 2 {
		got, err := q.Discussions(ctx, dq)
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Fatalf("after the writes: %v\n got %+v\nwant %+v", err, got, want)
		}
	}
}
