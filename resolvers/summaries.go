package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// summaryNames are the field names a selection may use for the cables it
// loads to come from the store's summaries (query.CableSummarySource):
// the Cable fields a summary carries, the ones resolved from the cable's
// id through other loaders' keys alone, and the wrappers around cables
// (connections, edges, search hits). Any other name anywhere below the
// field (tags, body, snippets, persons, ...) makes the cables whole.
var summaryNames = map[string]bool{
	"id": true, "created": true, "released": true, "classification": true, "origin": true, "subject": true,
	"permalink": true, "citedByIds": true, "__typename": true,
	"nodes": true, "edges": true, "node": true, "cursor": true, "totalCount": true, "pageInfo": true,
	"hasNextPage": true, "hasPreviousPage": true, "startCursor": true, "endCursor": true,
	"score": true, "cable": true,
}

// summaryEnough reports whether every field selected below the field
// being resolved is in summaryNames, so that the cables it shows need not
// be decoded whole. Outside a GraphQL operation it is false.
func summaryEnough(ctx context.Context) bool { return fieldSelectsWithin(ctx, summaryNames) }

// idNames are the Cable fields a selection may use for the cables it
// shows to be their ids alone (idsEnough).
var idNames = map[string]bool{"id": true, "__typename": true}

// idsEnough reports whether the field being resolved selects nothing of
// its cables but their ids, so that cables known to exist need not be
// read at all. Outside a GraphQL operation it is false.
func idsEnough(ctx context.Context) bool { return fieldSelectsWithin(ctx, idNames) }

// fieldSelectsWithin reports whether every field selected below the field
// being resolved is named in names; outside a GraphQL operation, false.
func fieldSelectsWithin(ctx context.Context, names map[string]bool) bool {
	if !graphql.HasOperationContext(ctx) {
		return false
	}
	fc := graphql.GetFieldContext(ctx)
	return fc != nil && selectionWithin(ctx, fc.Field.Selections, names)
}

// summaryOnly is summaryEnough for a given selection set of the operation
// in ctx.
func summaryOnly(ctx context.Context, set ast.SelectionSet) bool {
	return selectionWithin(ctx, set, summaryNames)
}

// selectionWithin reports whether every field of set, fragments included,
// at any depth, is named in names.
func selectionWithin(ctx context.Context, set ast.SelectionSet, names map[string]bool) bool {
	var fragments ast.FragmentDefinitionList
	if oc := graphql.GetOperationContext(ctx); oc != nil && oc.Doc != nil {
		fragments = oc.Doc.Fragments
	}
	var ok func(ast.SelectionSet, int) bool
	ok = func(set ast.SelectionSet, depth int) bool {
		if depth > 32 {
			return false // deeper than any query the depth limit lets through
		}
		for _, sel := range set {
			switch x := sel.(type) {
			case *ast.Field:
				if !names[x.Name] || !ok(x.SelectionSet, depth+1) {
					return false
				}
			case *ast.InlineFragment:
				if !ok(x.SelectionSet, depth+1) {
					return false
				}
			case *ast.FragmentSpread:
				def := fragments.ForName(x.Name)
				if def == nil || !ok(def.SelectionSet, depth+1) {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return ok(set, 0)
}

// prefetchAround starts, beside the load of one cable, the loads its
// selected fields will make from its id alone: its persons, the citations
// of it and the citing cables. They would otherwise wait for the cable,
// then for the citations: three round trips to a database one after the
// other instead of two at once. The loaders keep the results (errors too)
// for the field resolvers, which report them.
func (r *Resolver) prefetchAround(ctx context.Context, id string) {
	if !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return
	}
	l := r.loaders(ctx)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Cable"}) {
		switch f.Name {
		case "persons":
			persons := l.personsLoader(selectionWithin(ctx, f.Selections, briefPersonNames))
			go func() { _, _ = persons.Load(ctx, id) }()
		case "citedBy":
			summary := summaryOnly(ctx, f.Selections)
			go func() {
				cs, err := l.citedBy.Load(ctx, id)
				if err != nil || !summary {
					return
				}
				ids := make([]string, len(cs))
				for i, c := range cs {
					ids[i] = c.From
				}
				_, _ = l.summary.LoadAll(ctx, ids)
			}()
		}
	}
}
