package storetest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// hashesOf gives each cable a hash derived from its content.
func hashesOf(cables []*graph.Cable) []string {
	out := make([]string, len(cables))
	for i, c := range cables {
		out[i] = "h:" + c.ID + ":" + c.Subject
	}
	return out
}

func write(t *testing.T, s graph.Writer, o *oracle, cables []*graph.Cable) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	hs := hashesOf(cables)
	if err := s.WriteCables(ctx, cables, hs); err != nil {
		t.Fatalf("WriteCables(%d cables): %v", len(cables), err)
	}
	if o != nil {
		o.write(cables, hs)
	}
}

func conform(t *testing.T, s graph.Reader, o *oracle, max int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cables := make([]*graph.Cable, 0, len(o.cables))
	cables = append(cables, o.all()...)
	if bad := check(t, ctx, s, o, probes(cables, max)); bad > 0 {
		t.Logf("%d probes disagree with the oracle", bad)
	}
}

func stats(t *testing.T, s graph.Reader) *graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	st.Dataset = graph.DatasetInfo{}
	return st
}

// Run runs the conformance suite. open must return an EMPTY store each time
// it is called; the suite closes it.
func Run(t *testing.T, open func(t *testing.T) graph.Store) {
	fresh := func(t *testing.T) graph.Store {
		t.Helper()
		s := open(t)
		t.Cleanup(func() { _ = s.Close(context.Background()) })
		ctx := context.Background()
		if err := s.EnsureSchema(ctx); err != nil {
			t.Fatalf("EnsureSchema: %v", err)
		}
		if err := s.Ping(ctx); err != nil {
			t.Fatalf("Ping: %v", err)
		}
		if st := stats(t, s); len(st.Nodes)+len(st.Relationships) != 0 {
			t.Fatalf("open returned a store that is not empty: %+v", st)
		}
		return s
	}

	t.Run("HandBuilt", func(t *testing.T) {
		s, o := fresh(t), newOracle()
		write(t, s, o, HandBuilt())
		conform(t, s, o, 1000)
	})

	t.Run("Fixtures", func(t *testing.T) {
		cables := Fixtures(t)
		s, o := fresh(t), newOracle()
		for chunk := range slices.Chunk(cables, 64) {
			write(t, s, o, chunk)
		}
		conform(t, s, o, 25)
	})

	t.Run("HashesAndRoundTrip", func(t *testing.T) {
		s := fresh(t)
		cables := HandBuilt()
		write(t, s, nil, cables)
		ctx := context.Background()
		ids := []string{"NOSUCH"}
		for _, c := range cables {
			ids = append(ids, c.ID)
		}
		got, err := s.CableHashes(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{}
		for i, h := range hashesOf(cables) {
			want[cables[i].ID] = h
		}
		if ok, diff := same(got, want); !ok {
			t.Errorf("CableHashes:%s", diff)
		}
		back, err := s.Cables(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if len(back) != len(cables) {
			t.Fatalf("Cables returned %d cables, want %d", len(back), len(cables))
		}
		for i, c := range cables {
			if ok, diff := same(back[i], normalize(c)); !ok {
				t.Errorf("cable %s does not round-trip:%s", c.ID, diff)
			}
		}
		// A result must not alias the store.
		back[0].Subject = "MUTATED"
		again, _ := s.Cables(ctx, ids[1:2])
		if len(again) != 1 || again[0].Subject == "MUTATED" {
			t.Errorf("mutating a returned cable changed the store")
		}
	})

	t.Run("Idempotent", func(t *testing.T) {
		s := fresh(t)
		write(t, s, nil, HandBuilt())
		first := stats(t, s)
		write(t, s, nil, HandBuilt())
		if ok, diff := same(stats(t, s), first); !ok {
			t.Errorf("writing the same cables twice changed Stats:%s", diff)
		}
		if first.Nodes[graph.KindCable] != len(HandBuilt()) {
			t.Errorf("Stats.Nodes[Cable] = %d, want %d", first.Nodes[graph.KindCable], len(HandBuilt()))
		}
	})

	t.Run("OrderIndependent", func(t *testing.T) {
		// One cable per call, in reverse order: the cited cable arrives
		// after its citers, so RESOLVES_TO must be made on its arrival.
		s, o := fresh(t), newOracle()
		cables := HandBuilt()
		slices.Reverse(cables)
		for _, c := range cables {
			write(t, s, o, []*graph.Cable{c})
		}
		conform(t, s, o, 1000)
	})

	t.Run("GhostThenResolved", func(t *testing.T) {
		s, o := fresh(t), newOracle()
		ctx := context.Background()
		var citing, cited *graph.Cable
		for _, c := range HandBuilt() {
			switch c.ID {
			case "08MOSCOW235":
				citing = c
			case "08MOSCOW149":
				cited = c
			}
		}
		ghost := graph.NodeRef{Kind: graph.KindReference, ID: cited.ID}
		write(t, s, o, []*graph.Cable{citing})
		es, _, err := s.Edges(ctx, []graph.NodeRef{ghost}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if want := []graph.Edge{{Source: graph.NodeRef{Kind: graph.KindCable, ID: citing.ID}, Target: ghost, Kind: graph.RelCites, Weight: 1}}; !slices.Equal(es, want) {
			t.Errorf("ghost reference edges = %v, want %v", es, want)
		}
		write(t, s, o, []*graph.Cable{cited})
		es, _, err = s.Edges(ctx, []graph.NodeRef{ghost}, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.ContainsFunc(es, func(e graph.Edge) bool { return e.Kind == graph.RelResolvesTo && e.Target.ID == cited.ID }) {
			t.Errorf("no RESOLVES_TO after the cited cable was loaded: %v", es)
		}
		conform(t, s, o, 1000)
	})

	t.Run("Replacement", func(t *testing.T) {
		s, o := fresh(t), newOracle()
		ctx := context.Background()
		write(t, s, o, HandBuilt())
		before := stats(t, s)
		changed := Changed()
		write(t, s, o, []*graph.Cable{changed})
		conform(t, s, o, 1000)
		// Facts only the old version held must be gone, explicitly.
		if ps, _ := s.Persons(ctx, []string{"tadic-boris"}); len(ps) != 0 {
			t.Errorf("orphan person tadic-boris survived replacement: %+v", ps[0])
		}
		if ps, _ := s.Persons(ctx, []string{"jeremic-vuk"}); len(ps) != 1 || slices.Contains(ps[0].Aliases, "FM Jeremic") || !slices.Contains(ps[0].Aliases, "Minister Jeremic") {
			t.Errorf("jeremic-vuk aliases not recomputed after replacement: %+v", ps)
		}
		if cb, _ := s.CitedBy(ctx, []string{"08BELGRADE12"}); len(cb) != 1 {
			t.Errorf("CitedBy(08BELGRADE12) = %v: the citing cable 08MOSCOW149 is unchanged", cb)
		}
		if st := stats(t, s); st.Nodes[graph.KindCable] != before.Nodes[graph.KindCable] {
			t.Errorf("replacement changed the cable count: %d -> %d", before.Nodes[graph.KindCable], st.Nodes[graph.KindCable])
		}
		// And back: the original again gives the original graph.
		write(t, s, o, HandBuilt())
		if ok, diff := same(stats(t, s), before); !ok {
			t.Errorf("rewriting the original cables did not restore Stats:%s", diff)
		}
	})

	t.Run("DuplicateInOneCall", func(t *testing.T) {
		s, o := fresh(t), newOracle()
		write(t, s, o, append(HandBuilt(), Changed()))
		conform(t, s, o, 1000)
	})

	t.Run("InvalidWrites", func(t *testing.T) {
		s := fresh(t)
		ctx := context.Background()
		cables := HandBuilt()
		if err := s.WriteCables(ctx, cables, []string{"x"}); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("hashes of the wrong length: err = %v, want ErrInvalid", err)
		}
		bad := append(slices.Clone(cables[:2]), &graph.Cable{Subject: "no id"})
		if err := s.WriteCables(ctx, bad, hashesOf(bad)); err == nil {
			t.Errorf("a cable with no id was accepted")
		}
		if st := stats(t, s); len(st.Nodes) != 0 {
			t.Errorf("a failed write left nodes behind: %v", st.Nodes)
		}
	})

	t.Run("NotFound", func(t *testing.T) {
		s := fresh(t)
		write(t, s, nil, HandBuilt())
		ctx := context.Background()
		if _, err := s.Country(ctx, "Atlantis"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Country(Atlantis) err = %v, want ErrNotFound", err)
		}
		if _, err := s.Tag(ctx, "NOPE"); !errors.Is(err, graph.ErrNotFound) {
			t.Errorf("Tag(NOPE) err = %v, want ErrNotFound", err)
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		s := fresh(t)
		write(t, s, nil, HandBuilt())
		ctx := context.Background()
		full, err := s.ListCables(ctx, graph.CableFilter{}, "", graph.Page{})
		if err != nil {
			t.Fatal(err)
		}
		var paged []string
		for off := 0; off < full.Total; off += 2 {
			p, err := s.ListCables(ctx, graph.CableFilter{}, "", graph.Page{Offset: off, Limit: 2})
			if err != nil {
				t.Fatal(err)
			}
			if p.Total != full.Total {
				t.Errorf("page at %d: total %d, want %d", off, p.Total, full.Total)
			}
			paged = append(paged, p.IDs...)
		}
		if !slices.Equal(paged, full.IDs) || len(full.IDs) != len(HandBuilt()) {
			t.Errorf("pages concatenate to %v, want %v (%d cables)", paged, full.IDs, len(HandBuilt()))
		}
	})

	t.Run("Dataset", func(t *testing.T) {
		s := fresh(t)
		ctx := context.Background()
		at := time.Date(2026, 1, 2, 3, 4, 5, 999, time.FixedZone("X", 3600))
		d := graph.DatasetInfo{Version: "v1", LoadedAt: &at, Cables: 6}
		if err := s.SetDataset(ctx, d); err != nil {
			t.Fatal(err)
		}
		st, err := s.Stats(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if st.Dataset.Version != d.Version || st.Dataset.Cables != d.Cables || st.Dataset.LoadedAt == nil ||
			!st.Dataset.LoadedAt.Equal(at.Truncate(time.Second)) || st.Dataset.LoadedAt.Location() != time.UTC {
			t.Errorf("Stats.Dataset = %+v, want %+v in UTC to the second", st.Dataset, d)
		}
	})

	t.Run("Canceled", func(t *testing.T) {
		s := fresh(t)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := s.WriteCables(ctx, HandBuilt(), hashesOf(HandBuilt())); err == nil {
			t.Errorf("WriteCables with a canceled context succeeded")
		}
		if _, err := s.ListCables(ctx, graph.CableFilter{}, "", graph.Page{}); err == nil {
			t.Errorf("ListCables with a canceled context succeeded")
		}
	})
}

// Differential loads the same cables into both stores and checks that
// every read method gives the same answer on both (Search: the same set).
func Differential(t *testing.T, a, b graph.Store, cables []*graph.Cable) {
	t.Helper()
	for _, s := range []graph.Store{a, b} {
		if err := s.EnsureSchema(context.Background()); err != nil {
			t.Fatalf("EnsureSchema: %v", err)
		}
		for chunk := range slices.Chunk(cables, 100) {
			write(t, s, nil, chunk)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	ps := probes(cables, 40)
	if bad := check(t, ctx, a, b, ps); bad > 0 {
		t.Errorf("%d of %d probes differ between the stores", bad, len(ps))
	} else {
		t.Logf("%d probes agree on %d cables", len(ps), len(cables))
	}
}
