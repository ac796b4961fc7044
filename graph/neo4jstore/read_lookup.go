package neo4jstore

import (
	"context"
	"fmt"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// Country looks a country up by exact code, then case-insensitive code,
// then case-insensitive name (the smallest code among several).
func (s *Store) Country(ctx context.Context, codeOrName string) (*graph.Country, error) {
	var out *graph.Country
	_, err := s.read(ctx, "country", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = nil
		for _, cypher := range []string{
			`MATCH (k:Country {code: $q}) RETURN k.code`,
			`MATCH (k:Country) WHERE toLower(k.code) = toLower($q) RETURN k.code ORDER BY k.code LIMIT 1`,
			`MATCH (k:Country) WHERE k.name <> '' AND toLower(k.name) = toLower($q) RETURN k.code ORDER BY k.code LIMIT 1`,
		} {
			recs, err := collect(ctx, tx, cypher, map[string]any{"q": codeOrName})
			if err != nil {
				return nil, err
			}
			if len(recs) == 0 {
				continue
			}
			recs, err = collect(ctx, tx, `
MATCH (k:Country {code: $code})
RETURN k.code, coalesce(k.name, ''), COUNT { MATCH (c:Cable)-[:ORIGINATED_IN|CONCERNS]->(k) RETURN DISTINCT c }`,
				map[string]any{"code": recs[0].Values[0]})
			if err != nil || len(recs) == 0 {
				return nil, err
			}
			out = &graph.Country{Code: str(recs[0].Values[0]), Name: str(recs[0].Values[1]), Cables: int(recs[0].Values[2].(int64))}
			return nil, nil
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("country %q: %w", codeOrName, graph.ErrNotFound)
	}
	return out, nil
}

const tagProps = `t.code, coalesce(t.meaning, ''), coalesce(t.kind, ''), COUNT { ()-[:TAGGED]->(t) }`

func toTag(r *neo4j.Record) *graph.Tag {
	return &graph.Tag{Code: str(r.Values[0]), Meaning: str(r.Values[1]), Kind: str(r.Values[2]), Cables: int(r.Values[3].(int64))}
}

// Tag looks a tag up by code: exact, upper-cased, then case-insensitive.
func (s *Store) Tag(ctx context.Context, code string) (*graph.Tag, error) {
	var out *graph.Tag
	_, err := s.read(ctx, "tag", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = nil
		for _, cypher := range []string{
			`MATCH (t:Tag {code: $q}) RETURN ` + tagProps,
			`MATCH (t:Tag {code: $upper}) RETURN ` + tagProps,
			`MATCH (t:Tag) WHERE toLower(t.code) = toLower($q) RETURN ` + tagProps + ` ORDER BY t.code LIMIT 1`,
		} {
			recs, err := collect(ctx, tx, cypher, map[string]any{"q": code, "upper": strings.ToUpper(code)})
			if err != nil {
				return nil, err
			}
			if len(recs) > 0 {
				out = toTag(recs[0])
				return nil, nil
			}
		}
		return nil, nil
	})
	if err != nil {
		return nil, err
	}
	if out == nil {
		return nil, fmt.Errorf("tag %q: %w", code, graph.ErrNotFound)
	}
	return out, nil
}

// TagsByMeaning returns tags whose meaning contains text (case-insensitive),
// by code.
func (s *Store) TagsByMeaning(ctx context.Context, text string) ([]*graph.Tag, error) {
	var out []*graph.Tag
	_, err := s.read(ctx, "tags by meaning", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = out[:0]
		recs, err := collect(ctx, tx, `
MATCH (t:Tag) WHERE toLower(coalesce(t.meaning, '')) CONTAINS toLower($q)
RETURN `+tagProps+` ORDER BY t.code`, map[string]any{"q": text})
		for _, r := range recs {
			out = append(out, toTag(r))
		}
		return nil, err
	})
	return out, err
}

// Organizations returns organizations by key, in the order asked, skipping
// unknown keys.
func (s *Store) Organizations(ctx context.Context, keys []string) ([]*graph.Organization, error) {
	got := map[string]*graph.Organization{}
	if len(keys) > 0 {
		_, err := s.read(ctx, "organizations", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
			clear(got)
			recs, err := collect(ctx, tx, `
MATCH (o:Organization) WHERE o.key IN $keys
RETURN o.key, coalesce(o.name, ''), coalesce(o.kind, ''), COUNT { ()-[:MENTIONS_ORG]->(o) }`,
				map[string]any{"keys": strs(keys)})
			for _, r := range recs {
				got[str(r.Values[0])] = &graph.Organization{Key: str(r.Values[0]), Name: str(r.Values[1]),
					Kind: str(r.Values[2]), Cables: int(r.Values[3].(int64))}
			}
			return nil, err
		})
		if err != nil {
			return nil, err
		}
	}
	out := make([]*graph.Organization, 0, len(keys))
	for _, k := range keys {
		if o := got[k]; o != nil {
			c := *o
			out = append(out, &c)
		}
	}
	return out, nil
}
