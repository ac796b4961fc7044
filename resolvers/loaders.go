package resolvers

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/vikstrous/dataloadgen"
)

// Loaders batches and caches store reads for one request, so that a page of
// cables with their persons costs a constant number of store calls however
// long the page is. A fresh set per request keeps one user's answers out of
// another's and keeps the cache from going stale between loads.
type Loaders struct {
	cable     *dataloadgen.Loader[string, *graph.Cable]
	summary   *dataloadgen.Loader[string, *graph.Cable] // cables with their summary fields only
	person    *dataloadgen.Loader[string, *graph.Person]
	personsOf *dataloadgen.Loader[string, []*graph.Person]
	// personsOfBrief: persons whose selection asks only briefPersonNames,
	// each graph.Person.Brief when the store can read them so (a full
	// person serves as well: the resolvers read only the brief fields).
	personsOfBrief *dataloadgen.Loader[string, []*graph.Person]
	citedBy        *dataloadgen.Loader[string, []graph.Citation]
	interactions   *dataloadgen.Loader[string, []graph.Interaction]
	country        *dataloadgen.Loader[string, *graph.Country]

	mu           sync.Mutex
	alternatives map[string][]*graph.Person // person key -> other candidates of the name asked
}

type loadersKey struct{}

// briefPersonsSource is a store that can read the persons of cables with
// each graph.Person.Brief (neo4jstore: a hub person's aliases and roles
// are thousands of strings, shipped for every page that names them).
type briefPersonsSource interface {
	PersonsOfCablesBrief(ctx context.Context, ids []string) (map[string][]*graph.Person, error)
}

// briefPersonNames are the Person fields a graph.Person.Brief answers.
var briefPersonNames = map[string]bool{"key": true, "name": true, "surname": true, "cableCount": true, "__typename": true}

// primePersonsOf primes both persons loaders with the whole persons of
// cable id (whole persons answer a brief selection too).
func (l *Loaders) primePersonsOf(id string, ps []*graph.Person) {
	l.personsOf.Prime(id, ps)
	l.personsOfBrief.Prime(id, ps)
}

// personsLoader is the persons loader of a persons field: the brief one
// when every field it asks is one of briefPersonNames.
func (l *Loaders) personsLoader(brief bool) *dataloadgen.Loader[string, []*graph.Person] {
	if brief {
		return l.personsOfBrief
	}
	return l.personsOf
}

// batchWait is how long a loader collects keys before it calls the store.
// gqlgen starts sibling field resolvers at once, so a couple of
// milliseconds gather a whole level; the library's 16ms default would add
// that much latency to every nested level of every query. Page-sized
// lists do not depend on it: cableConnection primes the loaders.
const batchWait = 2 * time.Millisecond

// newLoaders builds the loaders of one request over r.
func newLoaders(r graph.Reader) *Loaders {
	l := &Loaders{alternatives: map[string][]*graph.Person{}}
	l.cable = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*graph.Cable, error) {
		cs, err := r.Cables(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load cables: %w", err)
		}
		m := make(map[string]*graph.Cable, len(cs))
		for _, c := range cs {
			m[c.ID] = c
		}
		return m, nil
	}, dataloadgen.WithWait(batchWait))
	summaries := query.CableSummariesOf(r)
	l.summary = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string]*graph.Cable, error) {
		cs, err := summaries(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load cable summaries: %w", err)
		}
		m := make(map[string]*graph.Cable, len(cs))
		for _, c := range cs {
			m[c.ID] = c
		}
		return m, nil
	}, dataloadgen.WithWait(batchWait))
	l.person = dataloadgen.NewMappedLoader(func(ctx context.Context, keys []string) (map[string]*graph.Person, error) {
		ps, err := r.Persons(ctx, keys)
		if err != nil {
			return nil, fmt.Errorf("load persons: %w", err)
		}
		m := make(map[string]*graph.Person, len(ps))
		for _, p := range ps {
			m[p.Key] = p
		}
		return m, nil
	}, dataloadgen.WithWait(batchWait))
	l.personsOf = personsOfLoader(r.PersonsOfCables)
	briefOf := r.PersonsOfCables
	if b, ok := query.ReaderAs[briefPersonsSource](r); ok {
		briefOf = b.PersonsOfCablesBrief
	}
	l.personsOfBrief = personsOfLoader(briefOf)
	l.citedBy = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]graph.Citation, error) {
		got, err := r.CitedBy(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load citations: %w", err)
		}
		return fillEmpty(ids, got), nil
	}, dataloadgen.WithWait(batchWait))
	l.interactions = dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]graph.Interaction, error) {
		ins, err := r.Interactions(ctx, graph.InteractionFilter{Cables: ids, IncludeCoMentions: true})
		if err != nil {
			return nil, fmt.Errorf("load interactions of cables: %w", err)
		}
		m := make(map[string][]graph.Interaction, len(ids))
		for _, in := range ins {
			m[in.Cable] = append(m[in.Cable], in)
		}
		return fillEmpty(ids, m), nil
	}, dataloadgen.WithWait(batchWait))
	// The Reader has no batch country lookup; the loader still caches, so
	// each distinct country costs one call per request.
	l.country = dataloadgen.NewMappedLoader(func(ctx context.Context, codes []string) (map[string]*graph.Country, error) {
		m := make(map[string]*graph.Country, len(codes))
		for _, code := range codes {
			c, err := r.Country(ctx, code)
			if err != nil {
				continue // unknown codes are left out, like Persons does
			}
			m[code] = c
		}
		return m, nil
	}, dataloadgen.WithWait(batchWait))
	return l
}

// personsOfLoader batches fetch, a read of the persons of cables by cable
// id, every id asked getting a list (empty when the cable has none).
func personsOfLoader(fetch func(context.Context, []string) (map[string][]*graph.Person, error)) *dataloadgen.Loader[string, []*graph.Person] {
	return dataloadgen.NewMappedLoader(func(ctx context.Context, ids []string) (map[string][]*graph.Person, error) {
		got, err := fetch(ctx, ids)
		if err != nil {
			return nil, fmt.Errorf("load persons of cables: %w", err)
		}
		return fillEmpty(ids, got), nil
	}, dataloadgen.WithWait(batchWait))
}

// fillEmpty gives every asked key an entry, so that "nothing" is an empty
// list rather than the loader's not-found error.
func fillEmpty[V any](keys []string, m map[string][]V) map[string][]V {
	if m == nil {
		m = map[string][]V{}
	}
	for _, k := range keys {
		if _, ok := m[k]; !ok {
			m[k] = []V{}
		}
	}
	return m
}

// withLoaders is the middleware that gives each request its loaders.
func withLoaders(r graph.Reader, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		ctx := context.WithValue(req.Context(), loadersKey{}, newLoaders(r))
		next.ServeHTTP(w, req.WithContext(ctx))
	})
}

// loadersFrom returns the request's loaders. Outside an HTTP request (a
// direct executor call) it makes a throwaway set so resolvers still work.
func (r *Resolver) loaders(ctx context.Context) *Loaders {
	if l, ok := ctx.Value(loadersKey{}).(*Loaders); ok {
		return l
	}
	return newLoaders(r.store)
}

func (l *Loaders) setAlternatives(key string, alts []*graph.Person) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.alternatives[key] = alts
}

func (l *Loaders) alternativesOf(key string) []*graph.Person {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.alternatives[key]
}
