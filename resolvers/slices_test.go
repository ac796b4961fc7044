package resolvers_test

import (
	"context"
	"encoding/json"
	"sync/atomic"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/resolvers/e2etest"
)

// personCountingStore counts the store's Persons reads (the person
// loader's batches).
type personCountingStore struct {
	graph.Reader
	persons atomic.Int64
}

func (s *personCountingStore) Persons(ctx context.Context, keys []string) ([]*graph.Person, error) {
	s.persons.Add(1)
	return s.Reader.Persons(ctx, keys)
}

// TestListsThatLoadStillBatch: list elements are marshalled one after
// another only when their selection needs no I/O (graph/generated's
// marshalSlice). A list whose elements each load a person must still
// marshal them concurrently, so that the person loader gathers them into
// one store read; a list that loads nothing gives the same answer either
// way and reads no persons.
func TestListsThatLoadStillBatch(t *testing.T) {
	m := fixtureStore(t)
	counting := &personCountingStore{Reader: m}
	srv := e2etest.Server(t, counting, nil)
	url := srv.URL + "/graphql"

	const plain = `{ cable(id: "08MOSCOW235") { interactions { a b aName kind } } }`
	resp := e2etest.Query(t, url, plain, nil)
	if len(resp.Errors) > 0 {
		t.Fatalf("plain: %s", resp.ErrorText())
	}
	var got struct {
		Cable struct {
			Interactions []struct{ A, B, AName, Kind string }
		}
	}
	decodeData(t, resp, &got)
	keys := map[string]bool{}
	for _, in := range got.Cable.Interactions {
		keys[in.A] = true
	}
	if len(got.Cable.Interactions) < 2 || len(keys) < 2 {
		t.Fatalf("fixture cable has %d interactions over %d persons; the test needs at least 2 of each", len(got.Cable.Interactions), len(keys))
	}
	if n := counting.persons.Load(); n != 0 {
		t.Errorf("interactions without persons read persons %d times", n)
	}

	const withPersons = `{ cable(id: "08MOSCOW235") { interactions { a aPerson { key } } } }`
	resp = e2etest.Query(t, url, withPersons, nil)
	if len(resp.Errors) > 0 {
		t.Fatalf("with persons: %s", resp.ErrorText())
	}
	var withP struct {
		Cable struct {
			Interactions []struct {
				A       string
				APerson *struct{ Key string }
			}
		}
	}
	decodeData(t, resp, &withP)
	if len(withP.Cable.Interactions) != len(got.Cable.Interactions) {
		t.Fatalf("%d interactions with persons, %d without", len(withP.Cable.Interactions), len(got.Cable.Interactions))
	}
	for i, in := range withP.Cable.Interactions {
		if in.A != got.Cable.Interactions[i].A {
			t.Errorf("interaction %d: a %q, %q without persons (order changed)", i, in.A, got.Cable.Interactions[i].A)
		}
		if in.APerson != nil && in.APerson.Key != in.A {
			t.Errorf("interaction %d: aPerson %q for a %q", i, in.APerson.Key, in.A)
		}
	}
	if n := counting.persons.Load(); n != 1 {
		t.Errorf("%d interactions' persons took %d store reads, want 1 batch", len(withP.Cable.Interactions), n)
	}
}

// decodeData decodes the "data" of a GraphQL answer into v.
func decodeData(t *testing.T, resp *e2etest.Response, v any) {
	t.Helper()
	env := struct{ Data any }{Data: v}
	if err := json.Unmarshal([]byte(resp.Raw), &env); err != nil {
		t.Fatalf("decode %s: %v", resp.Raw, err)
	}
}
