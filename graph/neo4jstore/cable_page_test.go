package neo4jstore

import (
	"context"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestNeo4jCablePageMatchesReads checks CablePage, the one statement of a
// cable(id) page, against the four reads it replaces, for every fixture
// cable, a cited id that is not loaded and an unknown id, with and
// without the body.
func TestNeo4jCablePageMatchesReads(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := storetest.Fixtures(t)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	ids := []string{"99NOWHERE1"}
	for _, c := range cables {
		ids = append(ids, c.ID)
		for _, r := range c.References {
			if r.ID != "" {
				ids = append(ids, r.ID)
			}
		}
	}
	withPersons, withCites, withLists := 0, 0, 0
	for _, id := range ids {
		whole, err := n.Cables(ctx, []string{id})
		if err != nil {
			t.Fatalf("cables %s: %v", id, err)
		}
		for _, body := range []bool{true, false} {
			c, ps, cites, citing, err := n.CablePage(ctx, id, graph.CablePageFields{Body: body, Persons: true, CitedBy: true})
			if err != nil {
				t.Fatalf("cable page %s: %v", id, err)
			}
			if len(whole) == 0 {
				if c != nil {
					t.Errorf("cable page %s: got a cable the store does not hold", id)
				}
				continue
			}
			want := *whole[0]
			if !body {
				want.Summary, want.Paragraphs, want.Body, want.Persons, want.Interactions = "", nil, "", nil, nil
			}
			if c == nil || !reflect.DeepEqual(&want, c) {
				t.Errorf("cable page %s (body %v): cable differs from Cables", id, body)
			}
			byCable, err := n.PersonsOfCables(ctx, []string{id})
			if err != nil {
				t.Fatalf("persons of %s: %v", id, err)
			}
			if len(ps) > 0 || len(byCable[id]) > 0 {
				withPersons++
				if !reflect.DeepEqual(byCable[id], ps) {
					t.Errorf("cable page %s: persons %v, PersonsOfCables %v", id, keysOf(ps), keysOf(byCable[id]))
				}
			}
			// Brief persons: the same persons, each Brief, from the page
			// and from PersonsOfCablesBrief.
			_, brief, _, _, err := n.CablePage(ctx, id, graph.CablePageFields{Body: body, Persons: true, BriefPersons: true})
			if err != nil {
				t.Fatalf("cable page %s, brief persons: %v", id, err)
			}
			briefOf, err := n.PersonsOfCablesBrief(ctx, []string{id})
			if err != nil {
				t.Fatalf("brief persons of %s: %v", id, err)
			}
			var wantBrief []*graph.Person
			for _, p := range ps {
				wantBrief = append(wantBrief, p.Brief())
				if len(p.Aliases)+len(p.Roles) > 0 {
					withLists++
				}
			}
			if !reflect.DeepEqual(wantBrief, brief) || !reflect.DeepEqual(wantBrief, briefOf[id]) {
				t.Errorf("cable page %s: brief persons %v and %v, want %v", id, brief, briefOf[id], wantBrief)
			}
			cited, err := n.CitedBy(ctx, []string{id})
			if err != nil {
				t.Fatalf("cited by %s: %v", id, err)
			}
			if len(cites) > 0 || len(cited[id]) > 0 {
				withCites++
				if !reflect.DeepEqual(cited[id], cites) {
					t.Errorf("cable page %s: citations %v, CitedBy %v", id, cites, cited[id])
				}
			}
			var from []string
			seen := map[string]bool{}
			for _, x := range cited[id] {
				if !seen[x.From] {
					seen[x.From] = true
					from = append(from, x.From)
				}
			}
			sums, err := n.CableSummaries(ctx, from)
			if err != nil {
				t.Fatalf("summaries: %v", err)
			}
			if len(sums) == 0 {
				sums = nil
			}
			if !reflect.DeepEqual(sums, citing) {
				t.Errorf("cable page %s: citing summaries %d, CableSummaries %d", id, len(citing), len(sums))
			}
		}
		// Nothing asked beyond the cable: no persons, no citations.
		if len(whole) > 0 {
			_, ps, cites, citing, err := n.CablePage(ctx, id, graph.CablePageFields{})
			if err != nil || len(ps)+len(cites)+len(citing) > 0 {
				t.Errorf("cable page %s asking nothing more: %d persons, %d citations, %d citing, err %v", id, len(ps), len(cites), len(citing), err)
			}
		}
	}
	if withPersons == 0 || withCites == 0 || withLists == 0 {
		t.Errorf("fixtures gave %d pages with persons, %d with citations, %d persons with aliases or roles: the comparison proves little", withPersons, withCites, withLists)
	}
}
