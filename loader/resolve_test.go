package loader_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// variant is the seed cable under another id with some text replaced.
func variant(tb testing.TB, seedText string, n int, subs ...string) []byte {
	tb.Helper()
	t := strings.NewReplacer("08MOSCOW235", fmt.Sprintf("08MOSCOW%d", n), "000235", fmt.Sprintf("000%d", n), "#0235", fmt.Sprintf("#0%d", n)).Replace(seedText)
	for i := 0; i+1 < len(subs); i += 2 {
		if !strings.Contains(t, subs[i]) {
			tb.Fatalf("the seed no longer contains %q", subs[i])
		}
		t = strings.ReplaceAll(t, subs[i], subs[i+1])
	}
	return []byte(t)
}

// personCorpus writes five cables: 235 and 236 name a bare "lavrov" (and
// sign as burns|US), 237 ties Lavrov to Russia (and names a British
// Burns), 238 names the British Burns, 239 a bare "burns".
func personCorpus(tb testing.TB) string {
	tb.Helper()
	s := string(seed(tb))
	dir := tb.TempDir()
	signBeyrle := []string{"\nBURNS\n", "\nBEYRLE\n"}
	noLavrov := []string{"Lavrov", "Ivanov"}
	files := map[int][]byte{
		235: []byte(s),
		236: variant(tb, s, 236),
		237: variant(tb, s, 237, append(signBeyrle, "Lavrov hoped", "Russian Foreign Minister Lavrov hoped",
			"acceded into the EU.", "acceded into the EU. British Ambassador Burns said so.")...),
		238: variant(tb, s, 238, append(append(signBeyrle, noLavrov...),
			"acceded into the EU.", "acceded into the EU. British Ambassador Burns said so.")...),
		239: variant(tb, s, 239, append(append(signBeyrle, noLavrov...),
			"acceded into the EU.", "acceded into the EU. Burns said so.")...),
	}
	for n, b := range files {
		writeFile(tb, filepath.Join(dir, fmt.Sprintf("08MOSCOW%d.txt", n)), b)
	}
	return dir
}

func personCables(tb testing.TB, s graph.Reader, keys ...string) map[string]int {
	tb.Helper()
	ps, err := s.Persons(context.Background(), keys)
	if err != nil {
		tb.Fatalf("Persons: %v", err)
	}
	out := map[string]int{}
	for _, p := range ps {
		out[p.Key] = p.Cables
	}
	return out
}

func assertEmptyDir(tb testing.TB, dir, when string) {
	tb.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		tb.Fatal(err)
	}
	for _, e := range es {
		tb.Errorf("%s: %s left in the temp dir", when, e.Name())
	}
}

func TestLoadResolvesBarePersonKeys(t *testing.T) {
	dir := personCorpus(t)
	ctx := context.Background()
	tmp := t.TempDir()
	keys := []string{"lavrov", "lavrov|RS", "burns", "burns|US", "burns|UK"}

	// Without resolution the extractor's keys stay as they are: the
	// evidence that resolution is what merges them.
	plain := memstore.New()
	if _, err := loader.Load(ctx, plain, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{NoResolve: true}); err != nil {
		t.Fatal(err)
	}
	wantPlain := map[string]int{"lavrov": 2, "lavrov|RS": 1, "burns": 1, "burns|US": 2, "burns|UK": 2}
	if got := personCables(t, plain, keys...); !reflect.DeepEqual(got, wantPlain) {
		t.Fatalf("NoResolve persons = %v, want %v (did the extractor change? the corpus relies on its keys)", got, wantPlain)
	}

	store := memstore.New()
	first, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{TempDir: tmp, BatchSize: 2})
	if err != nil {
		t.Fatalf("load: %v (summary %+v)", err, first)
	}
	assertEmptyDir(t, tmp, "after a load")
	// burns|US and burns|UK are as frequent: the bare burns stays apart.
	want := map[string]int{"lavrov|RS": 3, "burns": 1, "burns|US": 2, "burns|UK": 2}
	if got := personCables(t, store, keys...); !reflect.DeepEqual(got, want) {
		t.Errorf("persons = %v, want %v", got, want)
	}
	if first.Folded < 1 || first.Loaded != 5 {
		t.Errorf("summary %+v, want 5 loaded and lavrov folded", first)
	}
	ins, err := store.Interactions(ctx, graph.InteractionFilter{Persons: []string{"lavrov|RS"}, Cables: []string{"08MOSCOW235"}})
	if err != nil {
		t.Fatal(err)
	}
	met := false
	for _, in := range ins {
		if in.A == "lavrov" || in.B == "lavrov" {
			t.Errorf("interaction still holds the bare key: %+v", in)
		}
		if in.Kind == graph.InteractionMet && in.A == "jeremic|SR" && in.B == "lavrov|RS" {
			met = true
		}
	}
	if !met {
		t.Errorf("no jeremic|SR met lavrov|RS in 08MOSCOW235 (a bare-key cable); got %+v", ins)
	}
	cs, err := store.Cables(ctx, []string{"08MOSCOW236"})
	if err != nil || len(cs) != 1 {
		t.Fatalf("Cables: %v %v", cs, err)
	}
	h, err := loader.ContentHash(cs[0])
	if err != nil {
		t.Fatal(err)
	}
	// The stored hash is "content.raw" (see loader/rawhash.go).
	if hs, _ := store.CableHashes(ctx, []string{"08MOSCOW236"}); !strings.HasPrefix(hs["08MOSCOW236"], h+".") {
		t.Errorf("stored hash %s is not the hash of the resolved cable %s", hs["08MOSCOW236"], h)
	}

	// Re-loading the same corpus resolves the same way and writes nothing.
	st1 := stats(t, store)
	second, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{TempDir: tmp})
	if err != nil {
		t.Fatal(err)
	}
	if second.Loaded != 0 || second.Unchanged != 5 || second.Batches != 0 || second.Version != first.Version {
		t.Errorf("reload: %+v, want 5 unchanged, no write, version %s", second, first.Version)
	}
	if st2 := stats(t, store); !reflect.DeepEqual(st1, st2) {
		t.Errorf("stats differ after reload:\nfirst  %+v\nsecond %+v", st1, st2)
	}
	assertEmptyDir(t, tmp, "after a reload")

	// An incremental load of one bare-key cable folds it with the help of
	// the persons already stored.
	one := t.TempDir()
	writeFile(t, filepath.Join(one, "x.txt"), variant(t, string(seed(t)), 240))
	if _, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{one}}, loader.Options{TempDir: tmp}); err != nil {
		t.Fatal(err)
	}
	if got := personCables(t, store, "lavrov", "lavrov|RS"); !reflect.DeepEqual(got, map[string]int{"lavrov|RS": 4}) {
		t.Errorf("after an incremental load persons = %v, want lavrov|RS in 4 cables", got)
	}
}

func TestLoadRemovesTheSpool(t *testing.T) {
	t.Run("store error", func(t *testing.T) {
		tmp := t.TempDir()
		store := &spyStore{Store: memstore.New(), failWriteAt: 1}
		_, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{Paths: []string{personCorpus(t)}}, loader.Options{TempDir: tmp})
		if !errors.Is(err, errDiskFull) {
			t.Fatalf("err = %v, want the store's error", err)
		}
		assertEmptyDir(t, tmp, "after a store error")
	})
	t.Run("strict failure", func(t *testing.T) {
		tmp := t.TempDir()
		dir := personCorpus(t)
		writeFile(t, filepath.Join(dir, "08MOSCOW237z.txt"), []byte("not a cable"))
		store := memstore.New()
		sum, err := loader.Load(context.Background(), store, newExtractor(t), loader.Source{Paths: []string{dir}}, loader.Options{TempDir: tmp, Strict: true, Workers: 3})
		if !errors.Is(err, loader.ErrFailures) {
			t.Fatalf("err = %v, want ErrFailures", err)
		}
		if got := cableIDs(t, store); len(got) != 3 || sum.Loaded != 3 {
			t.Errorf("stored %v (summary %+v), want the 3 cables before the failure", got, sum)
		}
		assertEmptyDir(t, tmp, "after a strict failure")
	})
	t.Run("cancel in phase 1", func(t *testing.T) {
		tmp := t.TempDir()
		dir := personCorpus(t)
		writeFile(t, filepath.Join(dir, "08MOSCOW236z.txt"), []byte("not a cable"))
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		store := &spyStore{Store: memstore.New()}
		sum, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{dir}},
			loader.Options{TempDir: tmp, OnFailure: func(parse.Failure) { cancel() }})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if len(store.writes) != 0 {
			t.Errorf("a load cancelled before phase 2 wrote %v", store.writes)
		}
		if sum.Read != sum.Loaded+sum.Unchanged+sum.Failed+sum.Duplicates+sum.Dropped {
			t.Errorf("summary does not add up: %+v", sum)
		}
		assertEmptyDir(t, tmp, "after a cancel in phase 1")
	})
	t.Run("cancel in phase 2", func(t *testing.T) {
		tmp := t.TempDir()
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		store := &spyStore{Store: memstore.New(), afterWrite: func(int) { cancel() }}
		sum, err := loader.Load(ctx, store, newExtractor(t), loader.Source{Paths: []string{personCorpus(t)}}, loader.Options{TempDir: tmp, BatchSize: 2})
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("err = %v, want context.Canceled", err)
		}
		if len(store.writes) != 1 || sum.Loaded != 2 || sum.Read != sum.Loaded+sum.Dropped {
			t.Errorf("writes %v, summary %+v: want one whole batch of 2, the rest dropped", store.writes, sum)
		}
		assertEmptyDir(t, tmp, "after a cancel in phase 2")
	})
}
