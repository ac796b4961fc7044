package loader_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/parse"
)

func TestLoadTwiceIsIdempotent(t *testing.T) {
	dir := copyFiles(t, fragments(t, 60))
	writeFile(t, filepath.Join(dir, "seed", "08MOSCOW235.txt"), seed(t))
	ext := newExtractor(t)
	ctx := context.Background()
	store := memstore.New()

	first, err := loader.Load(ctx, store, ext, loader.Source{Paths: []string{dir}}, loader.Options{BatchSize: 25})
	if err != nil {
		t.Fatalf("first load: %v (summary %+v)", err, first)
	}
	if first.Read != 61 || first.Loaded != 61 || first.Unchanged != 0 || first.Failed != 0 {
		t.Fatalf("first load: got %+v, want 61 read and loaded", first)
	}
	if first.Version == "" || first.Cables != 61 {
		t.Fatalf("first load recorded no dataset version: %+v", first)
	}
	st1 := stats(t, store)
	if st1.Nodes[graph.KindCable] != 61 {
		t.Fatalf("Cable nodes = %d, want 61", st1.Nodes[graph.KindCable])
	}

	second, err := loader.Load(ctx, store, ext, loader.Source{Paths: []string{dir}}, loader.Options{BatchSize: 25})
	if err != nil {
		t.Fatalf("second load: %v", err)
	}
	if second.Loaded != 0 || second.Unchanged != 61 || second.Batches != 0 {
		t.Errorf("second load wrote: got %+v, want 61 unchanged and no write", second)
	}
	if second.Version != first.Version {
		t.Errorf("dataset version changed on reload: %s then %s", first.Version, second.Version)
	}
	if st2 := stats(t, store); !reflect.DeepEqual(st1, st2) {
		t.Errorf("stats differ after reload:\nfirst  %+v\nsecond %+v", st1, st2)
	}

	// Force rewrites everything and still leaves the same graph.
	forced, err := loader.Load(ctx, store, ext, loader.Source{Paths: []string{dir}}, loader.Options{Force: true})
	if err != nil {
		t.Fatalf("forced load: %v", err)
	}
	if forced.Loaded != 61 {
		t.Errorf("forced load: loaded %d, want 61", forced.Loaded)
	}
	if st3 := stats(t, store); !reflect.DeepEqual(st1, st3) {
		t.Errorf("stats differ after forced reload:\nfirst  %+v\nforced %+v", st1, st3)
	}
}

func TestLoadIsDeterministicAcrossWorkersAndBatches(t *testing.T) {
	dir := copyFiles(t, fragments(t, 40))
	ext := newExtractor(t)
	var versions []string
	var all []*graph.Stats
	for _, o := range []loader.Options{{Workers: 1, BatchSize: 1}, {Workers: 4, BatchSize: 7}, {Workers: 8, BatchSize: 500}} {
		store := memstore.New()
		sum, err := loader.Load(context.Background(), store, ext, loader.Source{Paths: []string{dir}}, o)
		if err != nil {
			t.Fatalf("workers %d batch %d: %v", o.Workers, o.BatchSize, err)
		}
		versions = append(versions, sum.Version)
		all = append(all, stats(t, store))
	}
	for i := 1; i < len(versions); i++ {
		if versions[i] != versions[0] {
			t.Errorf("dataset version %d = %s, want %s", i, versions[i], versions[0])
		}
		if !reflect.DeepEqual(all[i], all[0]) {
			t.Errorf("stats %d differ:\n%+v\n%+v", i, all[i], all[0])
		}
	}
}

func TestLoadChangedCableReplacesItsFacts(t *testing.T) {
	dir := copyFiles(t, fragments(t, 20))
	original := seed(t)
	const marker = "xyzzyplugh"
	changed := bytes.Replace(original, []byte("Russia claims that"), []byte("Russia "+marker+" claims that"), 1)
	if bytes.Equal(changed, original) {
		t.Fatal("the seed no longer contains the sentence this test edits")
	}
	seedPath := filepath.Join(dir, "seed", "08MOSCOW235.txt")
	writeFile(t, seedPath, original)
	ext := newExtractor(t)
	ctx := context.Background()
	store := memstore.New()
	src := loader.Source{Paths: []string{dir}}

	if _, err := loader.Load(ctx, store, ext, src, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	before := stats(t, store)

	writeFile(t, seedPath, changed)
	sum, err := loader.Load(ctx, store, ext, src, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Loaded != 1 || sum.Unchanged != 20 {
		t.Errorf("after editing one cable: %+v, want 1 loaded and 20 unchanged", sum)
	}
	hits, err := store.Search(ctx, marker, graph.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if len(hits.Hits) != 1 || hits.Hits[0].CableID != "08MOSCOW235" {
		t.Errorf("search %q after the edit: %+v, want 08MOSCOW235", marker, hits)
	}

	writeFile(t, seedPath, original)
	if _, err := loader.Load(ctx, store, ext, src, loader.Options{}); err != nil {
		t.Fatal(err)
	}
	hits, err = store.Search(ctx, marker, graph.Page{Limit: 10})
	if err != nil {
		t.Fatal(err)
	}
	if hits.Total != 0 {
		t.Errorf("search %q after restoring the cable: %+v, want no stale match", marker, hits)
	}
	after := stats(t, store)
	before.Dataset, after.Dataset = graph.DatasetInfo{}, graph.DatasetInfo{}
	if !reflect.DeepEqual(before, after) {
		t.Errorf("restoring the cable did not restore the graph:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestLoadReportsMalformedFilesAndLoadsTheRest(t *testing.T) {
	files := fragments(t, 3)
	dir := copyFiles(t, files)
	garbage := filepath.Join(dir, "001a-garbage.html")
	writeFile(t, garbage, []byte("\x00\x01 this is not a cable at all \xff\xfe"))
	empty := filepath.Join(dir, "002a-empty.txt")
	writeFile(t, empty, nil)

	var streamed []string
	store := memstore.New()
	sum, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{
		OnFailure: func(f parse.Failure) { streamed = append(streamed, f.Path) },
	})
	if !errors.Is(err, loader.ErrFailures) {
		t.Fatalf("err = %v, want one wrapping ErrFailures", err)
	}
	if sum.Failed != 2 || sum.Loaded != 3 {
		t.Fatalf("summary %+v, want 2 failed and 3 loaded", sum)
	}
	wantPaths := []string{garbage, empty}
	for i, f := range sum.Failures {
		if f.Path != wantPaths[i] || f.Reason == "" {
			t.Errorf("failure %d = %+v, want path %s with a reason", i, f, wantPaths[i])
		}
	}
	if !reflect.DeepEqual(streamed, wantPaths) {
		t.Errorf("OnFailure saw %v, want %v in input order", streamed, wantPaths)
	}
	if got := cableIDs(t, store); len(got) != 3 {
		t.Errorf("cables stored = %v, want the 3 good ones", got)
	}
}

func TestLoadStrictStopsAtTheFirstFailure(t *testing.T) {
	files := fragments(t, 4)
	dir := copyFiles(t, files)
	bad := filepath.Join(dir, "001a-bad.html")
	writeFile(t, bad, []byte("not a cable"))

	store := &spyStore{Store: memstore.New()}
	sum, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{Strict: true, Workers: 4})
	if !errors.Is(err, loader.ErrFailures) {
		t.Fatalf("err = %v, want ErrFailures", err)
	}
	if sum.Failed != 1 || len(sum.Failures) != 1 || sum.Failures[0].Path != bad {
		t.Fatalf("summary %+v, want exactly the failure of %s", sum, bad)
	}
	// Files 000 and 001 precede the bad one; 002 and 003 follow it.
	if got := cableIDs(t, store); len(got) != 2 || sum.Loaded != 2 {
		t.Errorf("stored %v (summary %+v), want exactly the 2 cables before the failure", got, sum)
	}
}

func TestLoadCancelStopsAfterTheCurrentBatch(t *testing.T) {
	dir := copyFiles(t, fragments(t, 60))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	store := &spyStore{Store: memstore.New()}
	store.afterWrite = func(n int) {
		if n == 1 {
			cancel()
		}
	}
	sum, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{BatchSize: 10})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	if len(store.writes) != 1 || sum.Loaded != 10 {
		t.Errorf("writes %v, summary %+v: want exactly one whole batch of 10", store.writes, sum)
	}
	if got := cableIDs(t, store); len(got) != 10 {
		t.Errorf("stored %d cables, want the 10 of the first batch", len(got))
	}
	if len(store.datasets) != 0 {
		t.Errorf("an interrupted load recorded a dataset version: %+v", store.datasets)
	}
	if sum.Read != sum.Loaded+sum.Unchanged+sum.Failed+sum.Duplicates+sum.Dropped {
		t.Errorf("summary does not add up: %+v", sum)
	}
}

func TestLoadStoreErrorStopsWithTheCause(t *testing.T) {
	dir := copyFiles(t, fragments(t, 30))
	store := &spyStore{Store: memstore.New(), failWriteAt: 2}
	sum, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{BatchSize: 10})
	if !errors.Is(err, errDiskFull) {
		t.Fatalf("err = %v, want the store's error", err)
	}
	if sum.Loaded != 10 || len(cableIDs(t, store)) != 10 {
		t.Errorf("summary %+v: want the first batch written and nothing after", sum)
	}
	if len(store.datasets) != 0 {
		t.Errorf("a failed load recorded a dataset version: %+v", store.datasets)
	}
	if sum.Dropped < 10 || sum.Read != sum.Loaded+sum.Unchanged+sum.Failed+sum.Duplicates+sum.Dropped {
		t.Errorf("summary does not account for the failed batch: %+v", sum)
	}
}

func TestLoadLaterRecordWithTheSameIDWins(t *testing.T) {
	s := seed(t)
	dir := t.TempDir()
	first := filepath.Join(dir, "a", "08MOSCOW235.txt")
	second := filepath.Join(dir, "b", "08MOSCOW235.txt")
	writeFile(t, first, s)
	writeFile(t, second, s)
	for _, batch := range []int{1, 500} {
		store := memstore.New()
		sum, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{BatchSize: batch, Workers: 4})
		if err != nil {
			t.Fatal(err)
		}
		cs, err := store.Cables(context.Background(), []string{"08MOSCOW235"})
		if err != nil || len(cs) != 1 {
			t.Fatalf("batch %d: Cables = %v, %v", batch, cs, err)
		}
		if cs[0].Source.Path != second {
			t.Errorf("batch %d: stored cable read from %s, want the later record %s", batch, cs[0].Source.Path, second)
		}
		if sum.Cables != 1 || sum.Read != 2 {
			t.Errorf("batch %d: summary %+v, want 2 read and 1 distinct cable", batch, sum)
		}
	}
}

func TestLoadBlobAndStdin(t *testing.T) {
	s := seed(t)
	store := memstore.New()
	sum, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{
		Blobs: []loader.Blob{{Name: "examples/08MOSCOW235.txt", Data: s}},
		Paths: []string{"-"}, Stdin: bytes.NewReader(s),
	}, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Read != 2 || sum.Cables != 1 {
		t.Errorf("summary %+v, want 2 records of one cable", sum)
	}
	cs, err := store.Cables(context.Background(), []string{"08MOSCOW235"})
	if err != nil || len(cs) != 1 || cs[0].Source.Path != "-" {
		t.Errorf("stored %v, %v: want the stdin record (the later one)", cs, err)
	}
}
