package loader

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
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
	data, err := os.ReadFile(sp.f.Name())
	if err != nil {
		t.Fatal(err)
	}
	// Where each record starts, and where its encoding starts.
	var starts, encs []int
	for at := 0; at < len(data); {
		starts = append(starts, at)
		n, k := binary.Uvarint(data[at:])
		at += k + int(n)
		n, k = binary.Uvarint(data[at:])
		encs = append(encs, at+k)
		at += k + int(n)
	}
	if len(starts) != 100 {
		t.Fatalf("found %d records in the spool file, want 100", len(starts))
	}
	// Damage record 51 in place: its id claims more bytes than it has.
	damaged := slices.Clone(data)
	damaged[encs[50]] = 0x7f
	if err := os.WriteFile(sp.f.Name(), damaged, 0o600); err != nil {
		t.Fatal(err)
	}
	n, err := sp.eachParallel(context.Background(), 2, func(*Item) error { return nil }, func(Item) error { return nil })
	if err == nil || !strings.Contains(err.Error(), "record 51 is damaged") || n != 50 {
		t.Fatalf("eachParallel = %d, %v; want 50 and record 51 damaged", n, err)
	}
	// Truncated: fewer records than written, or a record cut short.
	for _, cut := range []int{starts[80], starts[80] + 3} {
		if err := os.WriteFile(sp.f.Name(), data[:cut], 0o600); err != nil {
			t.Fatal(err)
		}
		n, err = sp.eachParallel(context.Background(), 2, func(*Item) error { return nil }, func(Item) error { return nil })
		if err == nil || n != 80 {
			t.Fatalf("spool cut at byte %d: eachParallel = %d, %v; want 80 and an error", cut, n, err)
		}
	}
}
