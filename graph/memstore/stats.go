package memstore

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/cablegraph/cablegraph/graph"
)

// Stats counts nodes and relationships; the count is cached until the next
// write, since a dashboard may ask for it on every page.
func (s *Store) Stats(ctx context.Context) (*graph.Stats, error) {
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("memstore stats: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.stats == nil {
		s.stats = s.count()
	}
	out := *s.stats
	out.Nodes = maps.Clone(out.Nodes)
	out.Relationships = maps.Clone(out.Relationships)
	if t := out.Dataset.LoadedAt; t != nil {
		u := *t
		out.Dataset.LoadedAt = &u // callers must not reach the store's copy
	}
	return &out, nil
}

func (s *Store) count() *graph.Stats {
	nodes := map[string]int{
		graph.KindCable:        len(s.cables),
		graph.KindPerson:       len(s.persons),
		graph.KindCountry:      len(s.countries),
		graph.KindTag:          len(s.tags),
		graph.KindReference:    len(s.refs),
		graph.KindOrganization: len(s.orgs),
	}
	rels := map[string]int{}
	for _, r := range s.cables {
		rels[graph.RelTagged] += len(r.tags)
		rels[graph.RelConcerns] += len(r.concerns)
		if r.originCountry != "" {
			rels[graph.RelOriginatedIn]++
		}
		rels[graph.RelCites] += len(r.cites)
		rels[graph.RelMentionsOrg] += len(r.orgs)
		rels[graph.RelInteracted] += len(r.interactions)
		rels[graph.RelMentionedIn] += len(r.persons)
		for _, m := range r.persons {
			if hasHow(m, "classifiedBy") {
				rels[graph.RelClassified]++
			}
			if hasHow(m, "signature") {
				rels[graph.RelSigned]++
			}
		}
	}
	for id := range s.refs {
		if _, ok := s.cables[id]; ok {
			rels[graph.RelResolvesTo]++
		}
	}
	for _, p := range s.persons {
		rels[graph.RelAffiliatedWith] += len(p.agg.Countries)
	}
	for _, m := range []map[string]int{nodes, rels} {
		for _, k := range slices.Collect(maps.Keys(m)) {
			if m[k] == 0 {
				delete(m, k)
			}
		}
	}
	return &graph.Stats{Nodes: nodes, Relationships: rels, Dataset: s.dataset}
}
