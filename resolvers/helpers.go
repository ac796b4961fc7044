package resolvers

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/generated"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/vikstrous/dataloadgen"
)

// permalinkBase is where the public copy of every cable lives.
const permalinkBase = "https://wikileaks.org/plusd/cables/"

func permalink(id string) string { return permalinkBase + id + "_a.html" }

func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// tagsOf pairs each tag code with the meaning the loader carried on the
// cable; codes without one are of unknown kind rather than dropped.
func tagsOf(c *graph.Cable) []*graph.Tag {
	out := make([]*graph.Tag, 0, len(c.Tags))
	for i, code := range c.Tags {
		if i < len(c.TagInfo) && strings.EqualFold(c.TagInfo[i].Code, code) {
			t := c.TagInfo[i]
			out = append(out, &t)
			continue
		}
		out = append(out, &graph.Tag{Code: code, Kind: graph.TagUnknown})
	}
	return out
}

// cableByID is the single-cable lookup: unknown ids are the user's mistake
// and say which id.
func (r *Resolver) cableByID(ctx context.Context, id string) (*graph.Cable, error) {
	id = strings.TrimSpace(id)
	loader := r.loaders(ctx).cable
	if summaryEnough(ctx) {
		loader = r.loaders(ctx).summary
	} else if c, ok, err := r.cablePage(ctx, id); ok {
		if err == nil && c == nil {
			return nil, fmt.Errorf("cable %s %w", id, graph.ErrNotFound)
		}
		if err != nil {
			return nil, fmt.Errorf("cable %s: %w", id, err)
		}
		return c, nil
	}
	r.prefetchAround(ctx, id)
	c, err := loader.Load(ctx, id)
	if errors.Is(err, dataloadgen.ErrNotFound) || (err == nil && c == nil) {
		return nil, fmt.Errorf("cable %s %w", id, graph.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("cable %s: %w", id, err)
	}
	return c, nil
}

func (r *Resolver) citingIDs(ctx context.Context, id string) ([]string, error) {
	cs, err := r.loaders(ctx).citedBy.Load(ctx, id)
	if err != nil {
		return nil, fmt.Errorf("cables citing %s: %w", id, err)
	}
	ids := make([]string, 0, len(cs))
	seen := map[string]bool{}
	for _, c := range cs {
		if !seen[c.From] {
			seen[c.From] = true
			ids = append(ids, c.From)
		}
	}
	return ids, nil
}

// keepInteractions drops co-mentions unless asked and cuts at limit (0 is
// no limit).
func keepInteractions(ins []graph.Interaction, coMentions bool, limit int) []*graph.Interaction {
	out := make([]*graph.Interaction, 0, len(ins))
	for i := range ins {
		if !coMentions && ins[i].Kind == graph.InteractionCoMentioned {
			continue
		}
		if limit > 0 && len(out) == limit {
			break
		}
		out = append(out, &ins[i])
	}
	return out
}

func (r *Resolver) countriesOf(ctx context.Context, codes []string) ([]*graph.Country, error) {
	out := make([]*graph.Country, 0, len(codes))
	if len(codes) == 0 {
		return out, nil
	}
	got, err := r.loaders(ctx).country.LoadAll(ctx, codes)
	for i, c := range got {
		if c != nil {
			out = append(out, c)
		} else if e := itemError(err, i); e != nil {
			return nil, e
		}
	}
	return out, nil
}

func (r *Resolver) interactionsOf(ctx context.Context, key string, first *int, coMentions bool) ([]*graph.Interaction, error) {
	limit, err := query.ClampPage(first, min(defaultPageSize, r.maxPageSize), r.maxPageSize)
	if err != nil {
		return nil, err
	}
	ins, err := r.store.Interactions(ctx, graph.InteractionFilter{Persons: []string{key}, IncludeCoMentions: coMentions})
	if err != nil {
		return nil, fmt.Errorf("interactions of %s: %w", key, err)
	}
	return keepInteractions(ins, coMentions, limit), nil
}

func (r *Resolver) counterparts(ctx context.Context, key string, first *int) ([]*generated.Counterpart, error) {
	limit, err := query.ClampPage(first, min(defaultPageSize, r.maxPageSize), r.maxPageSize)
	if err != nil {
		return nil, err
	}
	cps, err := r.questions.Counterparts(ctx, key, limit)
	if err != nil {
		return nil, err
	}
	out := make([]*generated.Counterpart, len(cps))
	for i, c := range cps {
		out[i] = &generated.Counterpart{Key: c.Person, Count: c.Count, Kinds: c.Kinds, FirstDate: c.FirstDate, LastDate: c.LastDate}
	}
	return out, nil
}

// cables answers Query.cables: names in the filter (person, country) are
// resolved first, so users can type what they know.
func (r *Resolver) cables(ctx context.Context, in *generated.CableFilter, first *int, after *string, orderBy *generated.CableOrder) (*generated.CableConnection, error) {
	var f graph.CableFilter
	if in != nil {
		f.Tags = in.Tags
		f.Origin = deref(in.Origin)
		f.Classification = deref(in.Classification)
		f.Text = deref(in.Text)
		f.Since, f.Until = in.Since, in.Until
		if err := checkSinceUntil(f.Since, f.Until); err != nil {
			return nil, err
		}
		if c := deref(in.Country); c != "" {
			country, err := r.store.Country(ctx, c)
			if err != nil {
				return nil, fmt.Errorf("country %q: %w", c, err)
			}
			f.Country = country.Code
		}
		if p := deref(in.Person); p != "" {
			person, _, err := r.questions.ResolvePerson(ctx, p)
			if err != nil {
				return nil, err
			}
			f.Person = person.Key
		}
	}
	order := graph.OrderCreatedDesc
	if orderBy != nil {
		order = graph.CableOrder(*orderBy)
	}
	return r.cableConnection(ctx, f, order, first, after)
}

func checkSinceUntil(since, until *time.Time) error {
	if since != nil && until != nil && until.Before(*since) {
		return fmt.Errorf("until (%s) is before since (%s): %w", until.Format("2006-01-02"), since.Format("2006-01-02"), graph.ErrInvalid)
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return strings.TrimSpace(*s)
}

func (r *Resolver) search(ctx context.Context, q string, first *int, after *string) (*generated.SearchConnection, error) {
	if strings.TrimSpace(q) == "" {
		return nil, fmt.Errorf("search query is empty: %w", graph.ErrInvalid)
	}
	p, err := r.page(first, after)
	if err != nil {
		return nil, err
	}
	res, err := r.searchPage(ctx, q, p)
	if err != nil {
		return nil, fmt.Errorf("search %q: %w", q, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.CableID
	}
	cables, err := r.cablesByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*graph.Cable, len(cables))
	for _, c := range cables {
		byID[c.ID] = c
	}
	words := queryWords(q)
	conn := &generated.SearchConnection{TotalCount: res.Total, Edges: []*generated.SearchEdge{}}
	for i, h := range res.Hits {
		c := byID[h.CableID]
		if c == nil {
			continue
		}
		conn.Edges = append(conn.Edges, &generated.SearchEdge{
			Cursor: query.EncodeCursor(p.Offset + i),
			Node:   &generated.SearchHit{Cable: c, Score: h.Score, Words: words},
		})
	}
	conn.PageInfo = pageInfo(p.Offset, len(res.Hits), res.Total)
	return conn, nil
}

// searchPage runs the search, without counting every hit when the
// selection shows neither totalCount nor pageInfo and the store can skip
// the count (query.SearchHitsSource): Total is then -1, never shown. When
// the hits' cables are shown as summaries, a query.SearchSummariesSource
// reads them with the hits.
func (r *Resolver) searchPage(ctx context.Context, q string, p graph.Page) (graph.SearchPage, error) {
	src, ok := query.ReaderAs[query.SearchHitsSource](r.store)
	if !ok || p.Limit < 1 || !graphql.HasOperationContext(ctx) || graphql.GetFieldContext(ctx) == nil {
		return r.store.Search(ctx, q, p)
	}
	for _, f := range graphql.CollectFieldsCtx(ctx, nil) {
		if f.Name == "totalCount" || f.Name == "pageInfo" {
			return r.store.Search(ctx, q, p)
		}
	}
	if both, ok := query.ReaderAs[query.SearchSummariesSource](r.store); ok && summaryEnough(ctx) {
		hits, cables, err := both.SearchHitsSummaries(ctx, q, p)
		if err != nil {
			return graph.SearchPage{}, err
		}
		// The page's cables come from the summary loader (summaryEnough):
		// primed here, they need no second statement.
		l := r.loaders(ctx)
		for _, c := range cables {
			l.summary.Prime(c.ID, c)
		}
		return graph.SearchPage{Hits: hits, Total: -1}, nil
	}
	hits, err := src.SearchHits(ctx, q, p)
	return graph.SearchPage{Hits: hits, Total: -1}, err
}

func (r *Resolver) persons(ctx context.Context, q *string, first *int, after *string) (*generated.PersonConnection, error) {
	p, err := r.page(first, after)
	if err != nil {
		return nil, err
	}
	ps, total, err := r.store.ListPersons(ctx, deref(q), p)
	if err != nil {
		return nil, fmt.Errorf("list persons: %w", err)
	}
	conn := &generated.PersonConnection{TotalCount: total, Nodes: ps, Edges: make([]*generated.PersonEdge, len(ps)), PageInfo: pageInfo(p.Offset, len(ps), total)}
	for i, person := range ps {
		conn.Edges[i] = &generated.PersonEdge{Cursor: query.EncodeCursor(p.Offset + i), Node: person}
	}
	return conn, nil
}

func (r *Resolver) discussions(ctx context.Context, topic string, since, until *time.Time, coMentions *bool, first *int) ([]*graph.Discussion, error) {
	if err := checkSinceUntil(since, until); err != nil {
		return nil, err
	}
	limit, err := query.ClampPage(first, min(defaultPageSize, r.maxPageSize), r.maxPageSize)
	if err != nil {
		return nil, err
	}
	ds, err := r.questions.Discussions(ctx, graph.DiscussionQuery{
		Topic: topic, Since: since, Until: until,
		IncludeCoMentions: coMentions != nil && *coMentions, First: limit,
	})
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Discussion, len(ds))
	for i := range ds {
		out[i] = &ds[i]
	}
	return out, nil
}

func (r *Resolver) connection(ctx context.Context, a, b string, maxHops *int, since, until *time.Time, shared *bool) (*graph.Connection, error) {
	if err := checkSinceUntil(since, until); err != nil {
		return nil, err
	}
	q := graph.ConnectionQuery{A: a, B: b, MaxHops: 4, Since: since, Until: until, SharedCables: shared != nil && *shared}
	if maxHops != nil {
		q.MaxHops = *maxHops
	}
	c, persons, err := r.questions.ConnectionPersons(ctx, q)
	if err != nil {
		return nil, err
	}
	// The persons the store handed over with the chain: the answer's
	// persons and hops resolve from them without another store call.
	l := r.loaders(ctx)
	for _, p := range persons {
		l.person.Prime(p.Key, p)
	}
	return c, nil
}

func (r *Resolver) neighborhood(ctx context.Context, id string, depth, limit *int) (*graph.Subgraph, error) {
	d, l := 1, 100
	if depth != nil {
		d = *depth
	}
	if limit != nil {
		l = *limit
	}
	return r.questions.Neighborhood(ctx, id, d, l)
}

func (r *Resolver) referenceChain(ctx context.Context, id string, dir *generated.ChainDirection, depth *int) (*graph.Subgraph, error) {
	direction, d := string(generated.ChainDirectionBoth), 3
	if dir != nil {
		direction = string(*dir)
	}
	if depth != nil {
		d = *depth
	}
	return r.questions.ReferenceChain(ctx, id, direction, d)
}

func (r *Resolver) timeline(ctx context.Context, topic, person, country *string, interval *generated.Interval) ([]*graph.Bucket, error) {
	iv := generated.IntervalMonth
	if interval != nil {
		iv = *interval
	}
	bs, err := r.questions.Timeline(ctx, query.TimelineQuery{Topic: deref(topic), Person: deref(person), Country: deref(country), Interval: string(iv)})
	if err != nil {
		return nil, err
	}
	out := make([]*graph.Bucket, len(bs))
	for i := range bs {
		out[i] = &bs[i]
	}
	return out, nil
}

// labelCounts turns a count map into a list sorted by label, so answers
// are deterministic.
func labelCounts(m map[string]int) []*generated.LabelCount {
	out := make([]*generated.LabelCount, 0, len(m))
	for k, v := range m {
		out = append(out, &generated.LabelCount{Label: k, Count: v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Label < out[j].Label })
	return out
}
