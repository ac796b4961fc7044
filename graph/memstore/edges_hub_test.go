package memstore_test

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// hubCables builds n cables all tagged HUB, concerning and sent from XX,
// mentioning the person hub|XX and an organization, so that each of those
// nodes has more edges than the store keeps sorted between writes.
func hubCables(n int, from int, tags ...string) []*graph.Cable {
	out := make([]*graph.Cable, 0, n)
	for i := range n {
		id := fmt.Sprintf("09HUB%04d", from+i)
		d := time.Date(2009, 1, 1+i%28, 0, 0, 0, 0, time.UTC)
		c := &graph.Cable{ID: id, Created: &d, Subject: "HUB " + id, Origin: "Embassy Xland", Tags: append([]string{"HUB"}, tags...), Body: "Body."}
		c.Countries = []graph.CountryMention{{Code: "XX", Name: "Xland", Count: 1 + i%3, Origin: i%2 == 0}}
		c.Persons = []graph.PersonMention{{Key: "hub|XX", Name: "Hub Person", Surname: "Person", Count: 1, Country: "XX"}, {Key: fmt.Sprintf("p%04d|XX", i%7), Name: "Other", Surname: "Other", Count: 1}}
		c.Organizations = []graph.OrgMention{{Key: "org:hub", Name: "Hub Org", Kind: "ministry", Count: 1}}
		c.Interactions = []graph.Interaction{{A: "hub|XX", B: fmt.Sprintf("p%04d|XX", i%7), Kind: graph.InteractionMet, Cable: id, Paragraph: 1, Evidence: "They met.", Date: &d}}
		out = append(out, c)
	}
	return out
}

// TestEdgesOfHubsAfterWrites asks a hub's first edges (kept sorted between
// writes), then rewrites cables so that the hub loses and gains edges, and
// checks each limited answer is the prefix of the unlimited one, before
// and after: a kept ordering must not outlive the write that changed it.
func TestEdgesOfHubsAfterWrites(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	write := func(cs []*graph.Cable) {
		t.Helper()
		if err := s.WriteCables(ctx, cs, make([]string, len(cs))); err != nil {
			t.Fatal(err)
		}
	}
	hubs := []graph.NodeRef{
		{Kind: graph.KindTag, ID: "HUB"}, {Kind: graph.KindCountry, ID: "XX"},
		{Kind: graph.KindOrganization, ID: "org:hub"}, {Kind: graph.KindPerson, ID: "hub|XX"},
	}
	check := func(stage string, wantTotal int) {
		t.Helper()
		for _, n := range hubs {
			full, total, err := s.Edges(ctx, []graph.NodeRef{n}, 0)
			if err != nil {
				t.Fatal(err)
			}
			if n.Kind == graph.KindTag && total != wantTotal {
				t.Errorf("%s: tag has %d edges, want %d", stage, total, wantTotal)
			}
			for _, limit := range []int{1, 5, 70, 1000} {
				for range 2 { // the second call answers from the kept ordering
					got, gotTotal, err := s.Edges(ctx, []graph.NodeRef{n}, limit)
					if err != nil {
						t.Fatal(err)
					}
					if want := full[:min(limit, len(full))]; gotTotal != total || !reflect.DeepEqual(got, want) {
						t.Fatalf("%s: %s limit %d: total %d, %d edges %v...; want total %d, %d edges %v...",
							stage, n.Kind+":"+n.ID, limit, gotTotal, len(got), got[:min(3, len(got))], total, len(want), want[:min(3, len(want))])
					}
				}
			}
		}
	}
	write(hubCables(100, 0))
	check("first write", 100)
	// Cable 0 loses HUB (and is rewritten with other counts), cable 100 is
	// new: the tag keeps 100 edges, one of them different.
	moved := hubCables(1, 0)
	moved[0].Tags = []string{"OTHER"}
	moved[0].Countries[0].Count = 9
	write(append(moved, hubCables(1, 100)...))
	check("after rewrite", 100)
	got, _, err := s.Edges(ctx, []graph.NodeRef{hubs[0]}, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Source.ID != "09HUB0001" {
		t.Fatalf("first edge of the tag after the rewrite: %v, want the one from 09HUB0001", got)
	}
	missing, total, err := s.Edges(ctx, []graph.NodeRef{{Kind: graph.KindTag, ID: "NOPE"}}, 5)
	if err != nil || missing == nil || len(missing) != 0 || total != 0 {
		t.Fatalf("unknown tag: %v, %d, %v; want an empty list", missing, total, err)
	}
}

// TestEdgesOfHubsUnderWrites asks hubs' first edges while writers keep
// rewriting their cables (run with -race): the kept orderings are built
// under the read lock and cleared under the write lock, so every answer
// is whole: sorted, and a tag total that one of the writes left.
func TestEdgesOfHubsUnderWrites(t *testing.T) {
	ctx := context.Background()
	s := memstore.New()
	base := hubCables(100, 0)
	if err := s.WriteCables(ctx, base, make([]string, len(base))); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Go(func() {
			for i := range 20 {
				cs := hubCables(1, 100+w) // adds 09HUB0100 or 09HUB0101
				if i%2 == 1 {
					cs[0].Tags = []string{"OTHER"}
				}
				if err := s.WriteCables(ctx, cs, []string{""}); err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	for range 2 {
		wg.Go(func() {
			for range 200 {
				for _, n := range []graph.NodeRef{{Kind: graph.KindTag, ID: "HUB"}, {Kind: graph.KindPerson, ID: "hub|XX"}} {
					got, total, err := s.Edges(ctx, []graph.NodeRef{n}, 5)
					if err != nil {
						t.Error(err)
						return
					}
					if len(got) != 5 || n.Kind == graph.KindTag && (total < 100 || total > 102) {
						t.Errorf("%v: %d edges of %d", n, len(got), total)
						return
					}
					for i := 1; i < len(got); i++ {
						if got[i-1].Kind > got[i].Kind || got[i-1].Kind == got[i].Kind && got[i-1].Source.ID+got[i-1].Target.ID >= got[i].Source.ID+got[i].Target.ID {
							t.Errorf("%v: edges out of order: %v", n, got)
							return
						}
					}
				}
			}
		})
	}
	wg.Wait()
}
