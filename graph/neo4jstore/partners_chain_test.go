package neo4jstore

import (
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestNeo4jPartnersChainPicksGoPath: the one statement of partnersChain
// picks, from the stored partners, the chain partnersPath (the Go
// definition: the direct link, else the smallest common partner) picks
// from the same lists, for every ordered pair of the random corpus's
// persons at one, two and four hops (and with the first, bounded count
// of common partners cut short), and its proof holds exactly the
// chain's links. Keys outside ASCII take part, so that the order of keys
// in Cypher and in Go is compared too.
func TestNeo4jPartnersChainPicksGoPath(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := append(partnersCorpus(11, 150, 20), chainCorpus()...)
	cables = append(cables, unicodePartners()...)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	recs, err := n.readOne(ctx, "test: partners", `MATCH (p:Person) RETURN p.key, p.partners ORDER BY p.key`, nil)
	if err != nil {
		t.Fatalf("partners: %v", err)
	}
	partners := map[string][]string{}
	var keys []string
	for _, r := range recs {
		k := str(r.Values[0])
		keys = append(keys, k)
		partners[k] = strList(r.Values[1])
	}
	if len(keys) < 25 {
		t.Fatalf("%d persons written, want at least 25", len(keys))
	}
	lengths := map[int]int{}
	for _, a := range keys {
		for _, b := range keys {
			if a == b {
				continue
			}
			for i, hops := range []int{1, 2, 4, 4, 4} {
				// probeKeys, then the first count bounded by a's first
				// partner (mostly the second count answers) and by its
				// first three.
				n.chainProbe = []int{0, 0, 0, 1, 3}[i]
				want := partnersPath(a, b, partners[a], partners[b], hops)
				got, ok, err := n.partnersChain(ctx, a, b, hops, 1<<30)
				if err != nil {
					t.Fatalf("%s-%s hops %d: %v", a, b, hops, err)
				}
				if want == nil {
					if ok {
						t.Errorf("%s-%s hops %d: partners answered %v, Go finds no chain of one or two links", a, b, hops, got.Chain)
					}
					continue
				}
				if !ok || !reflect.DeepEqual(got.Chain, want) {
					t.Errorf("%s-%s hops %d: chain %v (ok %v), Go picks %v", a, b, hops, got.Chain, ok, want)
					continue
				}
				lengths[len(want)]++
				links := map[string]bool{}
				for _, in := range got.Proof {
					if in.Kind == graph.InteractionCoMentioned {
						t.Errorf("%s-%s: a co-mention in the proof: %+v", a, b, in)
					}
					links[linkOf(in.A, in.B)] = true
				}
				wantLinks := map[string]bool{}
				for i := 0; i+1 < len(want); i++ {
					wantLinks[linkOf(want[i], want[i+1])] = true
				}
				if !reflect.DeepEqual(links, wantLinks) {
					t.Errorf("%s-%s: proof links %v, want %v", a, b, links, wantLinks)
				}
				if len(got.Persons) != len(want) {
					t.Errorf("%s-%s: %d persons' records for a chain of %d", a, b, len(got.Persons), len(want))
				}
			}
		}
	}
	if lengths[2] == 0 || lengths[3] == 0 {
		t.Errorf("no direct or no two-link chain compared: %v", lengths)
	}
}

// linkOf names a link whichever way round.
func linkOf(a, b string) string {
	if b < a {
		a, b = b, a
	}
	return a + pairSep + b
}

// unicodePartners links "omega" to two persons whose keys order
// differently by code points (Go's order) and by UTF-16 units (U+FF21
// against U+1D400, a surrogate pair), and each of those to "sigma", so
// that the middle omega-sigma takes depends on the order.
func unicodePartners() []*graph.Cable {
	var out []*graph.Cable
	for i, mid := range []string{"\U0001d400math", "\uff21wide"} {
		id := fmt.Sprintf("09UNIPARTNERS%d", i)
		c := &graph.Cable{ID: id, Subject: "UNICODE " + id, Origin: "Embassy Nowhere", Tags: []string{"PREL"}}
		for _, k := range []string{"omega", mid, "sigma"} {
			c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: k, Count: 1})
		}
		c.Interactions = []graph.Interaction{
			{A: "omega", B: mid, Kind: graph.InteractionMet, Cable: id, Paragraph: 1, Evidence: "omega met " + mid, Confidence: 0.9},
			{A: mid, B: "sigma", Kind: graph.InteractionTold, Cable: id, Paragraph: 1, Evidence: mid + " told sigma", Confidence: 0.9},
		}
		out = append(out, c)
	}
	return out
}
