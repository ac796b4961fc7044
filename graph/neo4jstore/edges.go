package neo4jstore

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

// nodeKeys maps each node label to its business key property.
var nodeKeys = []struct{ label, key string }{
	{graph.KindCable, "id"},
	{graph.KindPerson, "key"},
	{graph.KindCountry, "code"},
	{graph.KindTag, "code"},
	{graph.KindReference, "id"},
	{graph.KindOrganization, "key"},
}

// relEnds is the label of the start and end node of each relationship
// type the writer creates. Edges reads a node's label from this table
// instead of from the node: reading labels and testing them in a CASE cost
// fifteen db hits per edge, most of a neighbourhood query around a hub.
// Unknown types fall back to the node's labels.
var relEnds = map[string][2]string{
	graph.RelTagged:         {graph.KindCable, graph.KindTag},
	graph.RelOriginatedIn:   {graph.KindCable, graph.KindCountry},
	graph.RelConcerns:       {graph.KindCable, graph.KindCountry},
	graph.RelCites:          {graph.KindCable, graph.KindReference},
	graph.RelResolvesTo:     {graph.KindReference, graph.KindCable},
	graph.RelMentionedIn:    {graph.KindPerson, graph.KindCable},
	graph.RelClassified:     {graph.KindPerson, graph.KindCable},
	graph.RelSigned:         {graph.KindPerson, graph.KindCable},
	graph.RelInteracted:     {graph.KindPerson, graph.KindPerson},
	graph.RelAffiliatedWith: {graph.KindPerson, graph.KindCountry},
	graph.RelMentionsOrg:    {graph.KindCable, graph.KindOrganization},
}

// knownRels lists the relEnds types, sorted, as a query parameter.
var knownRels = func() []any {
	ks := make([]string, 0, len(relEnds))
	for k := range relEnds {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	out := make([]any, len(ks))
	for i, k := range ks {
		out[i] = k
	}
	return out
}()

// keyByType is the business key of node n, the start (end 0) or end (1)
// of relationship t: one property read, chosen by t, for known types.
func keyByType(n string, end int) string {
	keyOf := map[string]string{}
	for _, nk := range nodeKeys {
		keyOf[nk.label] = nk.key
	}
	types := make([]string, 0, len(relEnds))
	for t := range relEnds {
		types = append(types, t)
	}
	slices.Sort(types)
	var b strings.Builder
	b.WriteString("CASE t")
	for _, t := range types {
		fmt.Fprintf(&b, " WHEN '%s' THEN %s.%s", t, n, keyOf[relEnds[t][end]])
	}
	b.WriteString(" ELSE " + nodeKeyExpr(n) + " END")
	return b.String()
}

// nodeKeyExpr is the business key of node n whatever its label.
func nodeKeyExpr(n string) string {
	return fmt.Sprintf("CASE WHEN %[1]s:Cable OR %[1]s:Reference THEN %[1]s.id WHEN %[1]s:Person OR %[1]s:Organization THEN %[1]s.key ELSE %[1]s.code END", n)
}

// Edges returns every relationship touching the nodes, INTERACTED edges
// between the same two persons aggregated per direction (Weight = count),
// ordered by kind, source kind and id, target kind and id, weight.
func (s *Store) Edges(ctx context.Context, nodes []graph.NodeRef, limit int) ([]graph.Edge, int, error) {
	if limit < 0 {
		return nil, 0, fmt.Errorf("edges limit %d: %w", limit, graph.ErrInvalid)
	}
	params := map[string]any{}
	var parts []string
	for _, nk := range nodeKeys {
		var ids []string
		for _, n := range nodes {
			if n.Kind == nk.label {
				ids = append(ids, n.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		params[nk.label] = strs(ids)
		parts = append(parts, fmt.Sprintf("MATCH (n:%s) WHERE n.%s IN $%s RETURN n", nk.label, nk.key, nk.label))
	}
	out := []graph.Edge{}
	if len(parts) == 0 {
		return out, 0, nil
	}
	params["known"] = knownRels
	cypher := "CALL {\n" + strings.Join(parts, "\nUNION\n") + "\n}\n" + `MATCH (n)-[r]-()
WITH DISTINCT r
WITH r, type(r) AS t, startNode(r) AS s, endNode(r) AS e
RETURN t, CASE WHEN t IN $known THEN null ELSE head(labels(s)) END, ` + keyByType("s", 0) + `,
  CASE WHEN t IN $known THEN null ELSE head(labels(e)) END, ` + keyByType("e", 1) + `,
  CASE WHEN t IN ['` + graph.RelConcerns + `', '` + graph.RelMentionedIn + `'] THEN r.count END`
	_, err := s.read(ctx, "edges", func(ctx context.Context, tx neo4j.ManagedTransaction) (any, error) {
		out = out[:0]
		recs, err := collect(ctx, tx, cypher, params)
		if err != nil {
			return nil, err
		}
		interacted := map[[2]graph.NodeRef]int{}
		for _, r := range recs {
			kind := str(r.Values[0])
			sk, ek := str(r.Values[1]), str(r.Values[3])
			if ends, ok := relEnds[kind]; ok {
				sk, ek = ends[0], ends[1]
			}
			e := graph.Edge{
				Kind:   kind,
				Source: graph.NodeRef{Kind: sk, ID: str(r.Values[2])},
				Target: graph.NodeRef{Kind: ek, ID: str(r.Values[4])},
				Weight: 1,
			}
			switch e.Kind {
			case graph.RelInteracted:
				interacted[[2]graph.NodeRef{e.Source, e.Target}]++
				continue
			case graph.RelConcerns, graph.RelMentionedIn:
				n, _ := r.Values[5].(int64)
				e.Weight = int(n)
			}
			out = append(out, e)
		}
		for ends, n := range interacted {
			out = append(out, graph.Edge{Kind: graph.RelInteracted, Source: ends[0], Target: ends[1], Weight: n})
		}
		return nil, nil
	})
	if err != nil {
		return nil, 0, err
	}
	slices.SortFunc(out, compareEdges)
	total := len(out)
	if limit > 0 && len(out) > limit {
		out = out[:limit]
	}
	return out, total, nil
}

// compareEdges is the store's edge order: kind, source kind and id, target
// kind and id, weight.
func compareEdges(a, b graph.Edge) int {
	return cmp.Or(
		strings.Compare(a.Kind, b.Kind),
		strings.Compare(a.Source.Kind, b.Source.Kind),
		strings.Compare(a.Source.ID, b.Source.ID),
		strings.Compare(a.Target.Kind, b.Target.Kind),
		strings.Compare(a.Target.ID, b.Target.ID),
		a.Weight-b.Weight,
	)
}
