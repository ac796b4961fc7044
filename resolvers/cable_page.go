package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
)

// cablePageSource is a store that reads a cable(id) page in one statement
// (neo4jstore's CablePage): the cable, without its body unless asked, and
// the persons, citations and citing cables' summaries its fields show. A
// store across a network otherwise answers four statements in two round
// trips and ships the body every time.
type cablePageSource interface {
	CablePage(ctx context.Context, id string, f graph.CablePageFields) (*graph.Cable, []*graph.Person, []graph.Citation, []*graph.Cable, error)
}

// bodylessFields are the Cable fields resolved without the cable's body:
// its document's other fields and what other loaders give from its id.
// Any other field (body, paragraphs, summary, mentions, interactions, ...)
// makes the page read the whole cable; without one, the page's cable
// holds its header fields alone (graph.Cable.UnmarshalJSONHead), which
// must answer every field named here.
var bodylessFields = map[string]bool{
	"id": true, "created": true, "released": true, "classification": true, "caveats": true, "origin": true,
	"dtg": true, "precedence": true, "from": true, "to": true, "info": true, "subject": true, "tags": true,
	"references": true, "citedBy": true, "citedByIds": true, "signature": true, "classifiedBy": true,
	"declassify": true, "persons": true, "countries": true, "organizations": true, "permalink": true,
	"source": true, "__typename": true,
}

// cablePage answers a cable(id) field from a cablePageSource in one store
// call and primes the request's loaders with what the page's fields will
// ask (persons, citations, citing cables' summaries). ok is false when the
// store has no such read or the field is not Query.cable: the caller then
// uses the loaders.
func (r *Resolver) cablePage(ctx context.Context, id string) (c *graph.Cable, ok bool, err error) {
	src, has := query.ReaderAs[cablePageSource](r.store)
	if !has || !graphql.HasOperationContext(ctx) {
		return nil, false, nil
	}
	// Only the top-level cable(id): a cable under a list (evidence, hops)
	// is one of many, which the loaders batch into one read for all.
	if fc := graphql.GetFieldContext(ctx); fc == nil || fc.Object != "Query" {
		return nil, false, nil
	}
	var (
		want          graph.CablePageFields
		citingSummary bool
		brief         = true // every persons field asks brief fields only
	)
	for _, f := range graphql.CollectFieldsCtx(ctx, []string{"Cable"}) {
		if !bodylessFields[f.Name] {
			want.Body = true
		}
		switch f.Name {
		case "persons":
			want.Persons = true
			brief = brief && selectionWithin(ctx, f.Selections, briefPersonNames)
		case "citedBy":
			want.CitedBy = true
			citingSummary = summaryOnly(ctx, f.Selections)
		case "citedByIds":
			want.CitedBy = true
		}
	}
	want.BriefPersons = want.Persons && brief
	c, ps, cites, citing, err := src.CablePage(ctx, id, want)
	if err != nil || c == nil {
		return nil, true, err
	}
	l := r.loaders(ctx)
	if want.Body {
		l.cable.Prime(id, c)
	}
	if want.Persons {
		if ps == nil {
			ps = []*graph.Person{}
		}
		if want.BriefPersons {
			l.personsOfBrief.Prime(id, ps)
		} else {
			l.primePersonsOf(id, ps)
		}
	}
	if want.CitedBy {
		if cites == nil {
			cites = []graph.Citation{}
		}
		l.citedBy.Prime(id, cites)
		if citingSummary {
			for _, s := range citing {
				l.summary.Prime(s.ID, s)
			}
		}
	}
	return c, true, nil
}
