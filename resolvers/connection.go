package resolvers

import (
	"context"
	"fmt"

	"github.com/99designs/gqlgen/graphql"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/generated"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/vektah/gqlparser/v2/ast"
)

// page turns Relay arguments into an offset window, rejecting a bad cursor
// or a page larger than the configured maximum with a message for the user.
func (r *Resolver) page(first *int, after *string) (graph.Page, error) {
	limit, err := query.ClampPage(first, min(defaultPageSize, r.maxPageSize), r.maxPageSize)
	if err != nil {
		return graph.Page{}, fmt.Errorf("%w (the maximum page size is %d)", err, r.maxPageSize)
	}
	offset := 0
	if after != nil && *after != "" {
		n, err := query.DecodeCursor(*after)
		if err != nil {
			return graph.Page{}, err
		}
		offset = n + 1
	}
	return graph.Page{Offset: offset, Limit: limit}, nil
}

// pageInfo describes the window [offset, offset+n) of total items.
func pageInfo(offset, n, total int) *generated.PageInfo {
	pi := &generated.PageInfo{
		HasNextPage:     offset+n < total,
		HasPreviousPage: offset > 0,
	}
	if n > 0 {
		s, e := query.EncodeCursor(offset), query.EncodeCursor(offset+n-1)
		pi.StartCursor, pi.EndCursor = &s, &e
	}
	return pi
}

// cableConnection lists one page of cables matching f. When the client
// asks for the cables' persons or citations, they are fetched for the whole
// page in one store call each and primed into the loaders, so the number of
// store calls does not grow with the page.
func (r *Resolver) cableConnection(ctx context.Context, f graph.CableFilter, order graph.CableOrder, first *int, after *string) (*generated.CableConnection, error) {
	p, err := r.page(first, after)
	if err != nil {
		return nil, err
	}
	res, err := r.store.ListCables(ctx, f, order, p)
	if err != nil {
		return nil, fmt.Errorf("list cables: %w", err)
	}
	cables, err := r.cablesByID(ctx, res.IDs)
	if err != nil {
		return nil, err
	}
	r.prefetchCableFields(ctx, res.IDs)
	conn := &generated.CableConnection{
		TotalCount: res.Total,
		Edges:      make([]*generated.CableEdge, 0, len(cables)),
		Nodes:      cables,
		PageInfo:   pageInfo(p.Offset, len(cables), res.Total),
	}
	for i, c := range cables {
		conn.Edges = append(conn.Edges, &generated.CableEdge{Cursor: query.EncodeCursor(p.Offset + i), Node: c})
	}
	return conn, nil
}

// prefetchCableFields primes the per-cable loaders for a page. Errors are
// not fatal here: the field resolvers load again and report them.
func (r *Resolver) prefetchCableFields(ctx context.Context, ids []string) {
	if len(ids) == 0 || !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return
	}
	want := selectedNames(ctx, graphql.GetFieldContext(ctx).Field.Selections, 4)
	l := r.loaders(ctx)
	if want["persons"] {
		if m, err := r.store.PersonsOfCables(ctx, ids); err == nil {
			for id, ps := range fillEmpty(ids, m) {
				l.primePersonsOf(id, ps)
			}
		}
	}
	if want["citedBy"] || want["citedByIds"] {
		if m, err := r.store.CitedBy(ctx, ids); err == nil {
			for id, cs := range fillEmpty(ids, m) {
				l.citedBy.Prime(id, cs)
			}
		}
	}
}

// selectedNames collects the field names selected below a field, down to
// depth levels, following fragments.
func selectedNames(ctx context.Context, set ast.SelectionSet, depth int) map[string]bool {
	out := map[string]bool{}
	var fragments ast.FragmentDefinitionList
	if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Doc != nil {
		fragments = oc.Doc.Fragments
	}
	var walk func(ast.SelectionSet, int)
	walk = func(s ast.SelectionSet, d int) {
		if d == 0 {
			return
		}
		for _, sel := range s {
			switch x := sel.(type) {
			case *ast.Field:
				out[x.Name] = true
				walk(x.SelectionSet, d-1)
			case *ast.InlineFragment:
				walk(x.SelectionSet, d)
			case *ast.FragmentSpread:
				if def := fragments.ForName(x.Name); def != nil {
					walk(def.SelectionSet, d)
				}
			}
		}
	}
	walk(set, depth)
	return out
}
