package loader

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// spoolOf writes n small cables to a new spool and finishes it.
func spoolOf(t *testing.T, n int, gz bool) *spool {
	t.Helper()
	sp, err := newSpool(t.TempDir(), gz)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = sp.remove() })
	for i := range n {
		c := &graph.Cable{ID: fmt.Sprintf("08POST%d", i), Subject: strings.Repeat("x", i%50)}
		if err := sp.write(Item{Cable: c, Hash: fmt.Sprintf("h%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if err := sp.finish(); err != nil {
		t.Fatal(err)
	}
	return sp
}

func TestSpoolEachParallelKeepsOrderAndRunsPrep(t *testing.T) {
	for _, c := range []struct {
		n, workers int
		gz         bool
	}{{0, 2, true}, {1, 2, false}, {spoolChunk, 1, true}, {5*spoolChunk + 3, 3, true}, {777, 8, false}} {
		t.Run(fmt.Sprintf("n=%d workers=%d gz=%v", c.n, c.workers, c.gz), func(t *testing.T) {
			sp := spoolOf(t, c.n, c.gz)
			var got []string
			n, err := sp.eachParallel(context.Background(), c.workers, func(it *Item) error {
				it.Hash += "+prep"
				return nil
			}, func(it Item) error {
				if want := fmt.Sprintf("08POST%d", len(got)); it.Cable.ID != want || it.Seq != len(got) {
					return fmt.Errorf("item %d is %s (seq %d), want %s", len(got), it.Cable.ID, it.Seq, want)
				}
				if want := fmt.Sprintf("h%d+prep", len(got)); it.Hash != want {
					return fmt.Errorf("hash %q, want %q", it.Hash, want)
				}
				got = append(got, it.Cable.ID)
				return nil
			})
			if err != nil || n != c.n || len(got) != c.n {
				t.Fatalf("eachParallel = %d, %v; fn saw %d; want %d", n, err, len(got), c.n)
			}
		})
	}
}

func TestSpoolEachParallelStopsAtTheFirstError(t *testing.T) {
	sp := spoolOf(t, 300, true)
	stop := errors.New("stop")
	seen := 0
	n, err := sp.eachParallel(context.Background(), 2, func(*Item) error { return nil }, func(it Item) error {
		seen++
		if it.Seq == 130 {
			return stop
		}
		return nil
	})
	if !errors.Is(err, stop) || n != 131 || seen != 131 {
		t.Fatalf("eachParallel = %d, %v after %d calls; want 131, stop", n, err, seen)
	}

	prepErr := errors.New("prep failed")
	n, err = sp.eachParallel(context.Background(), 2, func(it *Item) error {
		if it.Seq == 200 {
			return prepErr
		}
		return nil
	}, func(Item) error { return nil })
	if !errors.Is(err, prepErr) || n != 200 {
		t.Fatalf("eachParallel = %d, %v; want 200, prep failed", n, err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := sp.eachParallel(ctx, 2, func(*Item) error { return nil }, func(Item) error { return nil }); !errors.Is(err, context.Canceled) {
		t.Fatalf("canceled: err = %v", err)
	}
}

func TestSpoolEachParallelReportsDamage(t *testing.T) {
	sp := spoolOf(t, 100, false)
	// Damage line 51 in place: no space between hash and JSON.
	data, err := os.ReadFile(sp.f.Name())
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	good := lines[50]
	lines[50] = strings.Replace(lines[50], " ", "_", 1)
	if err := os.WriteFile(sp.f.Name(), []byte(strings.Join(lines, "")), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := sp.eachParallel(context.Background(), 2, func(*Item) error { return nil }, func(Item) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "line 51 is damaged") || n != 50 {
		t.Fatalf("eachParallel = %d, %v; want 50 and line 51 damaged", n, err)
	}
	// Truncated: fewer lines than written.
	lines[50] = good
	if err := os.WriteFile(sp.f.Name(), []byte(strings.Join(lines[:80], "")), 0o600); err != nil {
		t.Fatal(err)
	}
	n, err = sp.eachParallel(context.Background(), 2, func(*Item) error { return nil }, func(Item) error { return nil })
	if err == nil || n != 80 {
		t.Fatalf("truncated spool: eachParallel = %d, %v; want 80 and an error", n, err)
	}
}
