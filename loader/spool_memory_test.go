package loader_test

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
)

// TestSpoolModesAgree loads the same corpora keeping phase 1 in a spool
// file and in memory: the stores must hold the same cables with the same
// hashes, persons and counts, and the runs must report the same dataset
// version. The person corpus folds keys (phase 2 rewrites cables); the
// shared fragments add breadth.
func TestSpoolModesAgree(t *testing.T) {
	for _, c := range []struct {
		name string
		dir  func(testing.TB) string
	}{
		{"person keys", personCorpus},
		{"300 shared fragments", func(tb testing.TB) string { return copyFiles(tb, fragments(tb, 300)) }},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := c.dir(t)
			ctx := context.Background()
			load := func(mode loader.SpoolMode) (*memstore.Store, loader.Summary) {
				t.Helper()
				s := memstore.New()
				tmp := t.TempDir()
				sum, err := loader.Load(ctx, s, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{Spool: mode, TempDir: tmp, BatchSize: 7})
				if err != nil {
					t.Fatalf("load with spool mode %d: %v", mode, err)
				}
				assertEmptyDir(t, tmp, "after the load")
				return s, sum
			}
			file, fsum := load(loader.SpoolFile)
			mem, msum := load(loader.SpoolMemory)
			auto, asum := load(loader.SpoolAuto)
			if fsum.Loaded == 0 || fsum.Version == "" {
				t.Fatalf("file spool loaded nothing: %+v", fsum)
			}
			for _, sum := range []loader.Summary{msum, asum} {
				if sum.Version != fsum.Version || sum.Loaded != fsum.Loaded || sum.Folded != fsum.Folded {
					t.Errorf("summary %+v, want version %s, %d loaded, %d folded as with a spool file", sum, fsum.Version, fsum.Loaded, fsum.Folded)
				}
			}
			ids := cableIDs(t, file)
			want, err := file.Cables(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			wantHashes, err := file.CableHashes(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			for name, s := range map[string]*memstore.Store{"memory": mem, "auto": auto} {
				if got := cableIDs(t, s); !reflect.DeepEqual(got, ids) {
					t.Fatalf("%s: %d cables, want %d", name, len(got), len(ids))
				}
				got, err := s.Cables(ctx, ids)
				if err != nil {
					t.Fatal(err)
				}
				for i := range want {
					if !reflect.DeepEqual(got[i], want[i]) {
						t.Errorf("%s: cable %s differs from the file-spooled one:\n%s", name, ids[i], firstDiff(got[i], want[i]))
					}
				}
				if h, err := s.CableHashes(ctx, ids); err != nil || !reflect.DeepEqual(h, wantHashes) {
					t.Errorf("%s: stored hashes differ (%v)", name, err)
				}
				if st, fst := stats(t, s), stats(t, file); !reflect.DeepEqual(st, fst) {
					t.Errorf("%s: stats %+v, want %+v", name, st, fst)
				}
			}
		})
	}
}

// firstDiff names the fields of two cables that differ.
func firstDiff(a, b *graph.Cable) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	var out []string
	for i := range va.NumField() {
		x, y := va.Field(i).Interface(), vb.Field(i).Interface()
		if !reflect.DeepEqual(x, y) {
			out = append(out, fmt.Sprintf("%s: got %#v, want %#v", va.Type().Field(i).Name, x, y))
		}
	}
	return strings.Join(out, "\n")
}
