package memstore_test

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// changedVersions returns new versions of every step-th cable: another
// subject and tag, the first person gone, the others' names longer.
func changedVersions(cables []*graph.Cable, step int) []*graph.Cable {
	var out []*graph.Cable
	for i := 0; i < len(cables); i += step {
		c := *cables[i]
		c.Subject = "CHANGED " + c.Subject
		c.Tags = append(slices.Clone(c.Tags), "CHANGED")
		c.Persons = nil
		for k, p := range cables[i].Persons {
			if k == 0 {
				continue
			}
			p.Name = p.Name + " Longer"
			c.Persons = append(c.Persons, p)
		}
		c.Interactions = nil
		out = append(out, &c)
	}
	return out
}

// TestBulkPreparedWritesGiveTheSameAnswers writes cables, then changed
// versions of some, as a load does (BeginBulk, PrepareCables and
// WritePrepared per chunk, FinishBulk), while readers ask questions, and
// checks every read method against a store written by plain WriteCables
// calls.
func TestBulkPreparedWritesGiveTheSameAnswers(t *testing.T) {
	ctx := context.Background()
	cables := append(storetest.Fixtures(t), synthetic(1100, 7)...)
	writes := append(slices.Clone(cables), changedVersions(cables, 37)...)
	// A chunk holding a cable and its new version: replaced within one call.
	writes = append(writes, changedVersions(cables[5:6], 1)[0], cables[5])

	s := memstore.New()
	if err := s.BeginBulk(ctx); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	var readers sync.WaitGroup
	readers.Go(func() { // reads during the bulk writes must not fail (or race, under -race)
		for {
			select {
			case <-stop:
				return
			default:
			}
			if _, _, err := s.ListPersons(ctx, "", graph.Page{Limit: 20}); err != nil {
				t.Error(err)
				return
			}
			if _, err := s.Search(ctx, "subject", graph.Page{Limit: 5}); err != nil {
				t.Error(err)
				return
			}
		}
	})
	for chunk := range slices.Chunk(writes, 100) {
		ps, err := s.PrepareCables(ctx, chunk, hashes(chunk))
		if err != nil {
			t.Fatal(err)
		}
		if err := s.WritePrepared(ctx, ps); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.FinishBulk(ctx); err != nil {
		t.Fatal(err)
	}
	close(stop)
	readers.Wait()
	if err := s.FinishBulk(ctx); err != nil { // without BeginBulk: nothing to do
		t.Fatal(err)
	}

	sameAnswersAsWritten(t, s, writes)
}

// TestWritePreparedWritesEachCableOnce checks that a prepared cable is
// written at most once, that a refused call writes nothing, and that
// cables prepared by something else are refused.
func TestWritePreparedWritesEachCableOnce(t *testing.T) {
	ctx := context.Background()
	cables := synthetic(3, 1)
	s := memstore.New()
	ps, err := s.PrepareCables(ctx, cables, hashes(cables))
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 || ps[2].PreparedID() != cables[2].ID {
		t.Fatalf("prepared %d cables, the third %q; want 3, %q", len(ps), ps[2].PreparedID(), cables[2].ID)
	}
	has := func(id string) bool {
		h, err := s.CableHashes(ctx, []string{id})
		if err != nil {
			t.Fatal(err)
		}
		return h[id] != ""
	}
	if has(cables[0].ID) {
		t.Fatal("PrepareCables wrote a cable")
	}

	canceled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.WritePrepared(canceled, ps[:1]); !errors.Is(err, context.Canceled) || has(cables[0].ID) {
		t.Fatalf("canceled WritePrepared: err %v, stored %v; want context.Canceled, nothing", err, has(cables[0].ID))
	}
	if err := s.WritePrepared(ctx, ps[:2]); err != nil {
		t.Fatalf("WritePrepared after a canceled one: %v", err)
	}
	if err := s.WritePrepared(ctx, []graph.PreparedCable{ps[2], ps[0]}); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("writing a prepared cable twice: err %v, want graph.ErrInvalid", err)
	}
	if has(cables[2].ID) {
		t.Fatal("a refused WritePrepared wrote a cable")
	}
	if err := s.WritePrepared(ctx, []graph.PreparedCable{ps[2], ps[2]}); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("the same prepared cable twice in one call: err %v, want graph.ErrInvalid", err)
	}
	if err := s.WritePrepared(ctx, ps[2:]); err != nil {
		t.Fatalf("WritePrepared of the cable refused before: %v", err)
	}
	if !has(cables[2].ID) {
		t.Fatal("the third cable is not stored")
	}
	if err := s.WritePrepared(ctx, []graph.PreparedCable{foreign("x")}); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("a cable prepared elsewhere: err %v, want graph.ErrInvalid", err)
	}
	if _, err := s.PrepareCables(ctx, cables, hashes(cables[:1])); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("PrepareCables with fewer hashes: err %v, want graph.ErrInvalid", err)
	}
	bad := []*graph.Cable{{ID: " "}}
	if _, err := s.PrepareCables(ctx, bad, []string{"h"}); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("PrepareCables of a cable without id: err %v, want graph.ErrInvalid", err)
	}
}

type foreign string

func (f foreign) PreparedID() string { return string(f) }
