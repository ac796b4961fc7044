package memstore_test

import (
	"context"
	"errors"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestRememberAnswer: an answer is computed once and then remembered; a
// failed computation is not; a write forgets every answer, and an answer
// computed while a write happened is returned but not remembered.
func TestRememberAnswer(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	computed := 0
	answer := func(v string, err error, during func()) func(context.Context) (any, error) {
		return func(context.Context) (any, error) {
			computed++
			if during != nil {
				during()
			}
			return v, err
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
		compute      func(context.Context) (any, error)
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
