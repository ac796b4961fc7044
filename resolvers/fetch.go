package resolvers

import (
	"context"
	"errors"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/vikstrous/dataloadgen"
)

// cablesByID loads cables through the request's loader, in the order asked,
// leaving out ids that are not loaded (ghosts). When the field being
// resolved selects only summary fields of them, they are summaries.
func (r *Resolver) cablesByID(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if len(ids) == 0 {
		return []*graph.Cable{}, nil
	}
	loader := r.loaders(ctx).cable
	if summaryEnough(ctx) {
		loader = r.loaders(ctx).summary
	}
	got, err := loader.LoadAll(ctx, ids)
	out := make([]*graph.Cable, 0, len(ids))
	for i, c := range got {
		if c != nil {
			out = append(out, c)
			continue
		}
		if e := itemError(err, i); e != nil {
			return nil, e
		}
	}
	return out, nil
}

// knownCables is cablesByID for ids the store gave as those of stored
// cables (a discussion's cables are those of its interactions, which are
// written and deleted with their cable): when only their ids are
// selected, nothing is read. A discussions page lists ~200 cables; reading
// their summaries to show their ids was a statement and ~200 records on
// Neo4j, and a fifth of an embedded answer's CPU.
func (r *Resolver) knownCables(ctx context.Context, ids []string) ([]*graph.Cable, error) {
	if !idsEnough(ctx) {
		return r.cablesByID(ctx, ids)
	}
	out := make([]*graph.Cable, len(ids))
	for i, id := range ids {
		out[i] = &graph.Cable{ID: id}
	}
	return out, nil
}

// personsByKey loads persons in the order asked, leaving out unknown keys
// (for example "post:Embassy Moscow" counterparts).
func (r *Resolver) personsByKey(ctx context.Context, keys []string) ([]*graph.Person, error) {
	if len(keys) == 0 {
		return []*graph.Person{}, nil
	}
	got, err := r.loaders(ctx).person.LoadAll(ctx, keys)
	out := make([]*graph.Person, 0, len(keys))
	for i, p := range got {
		if p != nil {
			out = append(out, p)
			continue
		}
		if e := itemError(err, i); e != nil {
			return nil, e
		}
	}
	return out, nil
}

// personByKey loads one person; a key that names no person (an embassy
// counterpart) is graph.ErrNotFound.
func (r *Resolver) personByKey(ctx context.Context, key string) (*graph.Person, error) {
	p, err := r.loaders(ctx).person.Load(ctx, key)
	if errors.Is(err, dataloadgen.ErrNotFound) || (err == nil && p == nil) {
		return nil, fmt.Errorf("person %q %w", key, graph.ErrNotFound)
	}
	if err != nil {
		return nil, err
	}
	return p, nil
}

// optionalPerson is personByKey for nullable fields: unknown is null.
func (r *Resolver) optionalPerson(ctx context.Context, key string) (*graph.Person, error) {
	p, err := r.personByKey(ctx, key)
	if errors.Is(err, graph.ErrNotFound) {
		return nil, nil
	}
	return p, err
}

// itemError picks the error of item i out of LoadAll's error, ignoring the
// loader's own not-found (missing items are simply left out).
func itemError(err error, i int) error {
	if err == nil {
		return nil
	}
	var errs dataloadgen.ErrorSlice
	if errors.As(err, &errs) {
		if i < len(errs) && errs[i] != nil && !errors.Is(errs[i], dataloadgen.ErrNotFound) {
			return errs[i]
		}
		return nil
	}
	if errors.Is(err, dataloadgen.ErrNotFound) {
		return nil
	}
	return err
}
