package memstore

import (
	"reflect"
	"testing"
	"time"
	"unsafe"

	"github.com/cablegraph/cablegraph/graph"
)

// TestSnapshotSharesListsAndDates decodes two frames with one worker's memo
// and checks that the lists, paragraph numbers and dates the cables repeat
// come back as one allocation each (the whole release has ~14 million of
// them), that a longer list or a different one does not, and that what
// each cable reads is still what was written.
func TestSnapshotSharesListsAndDates(t *testing.T) {
	long := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"} // over maxSharedList
	mk := func(id string, to []string) *graph.Cable {
		d := time.Date(2008, 2, 1, 10, 0, 0, 0, time.UTC)
		return &graph.Cable{ID: id, Created: &d, To: to, Tags: []string{"PREL", "KV"}, Info: long,
			Persons: []graph.PersonMention{
				{Key: "smith|US", Roles: []string{"Ambassador"}, How: []string{"title+name"}, Paragraphs: []int{1, 3}},
				{Key: "jones|US", Roles: []string{"Ambassador"}, How: []string{"title+name"}, Paragraphs: []int{1, 3}},
			},
			Interactions: []graph.Interaction{{A: "smith|US", B: "jones|US", Topics: []string{"KV", "Kosovo"}, Date: &d}},
		}
	}
	memo := interner{}
	decode := func(c *graph.Cable) *graph.Cable {
		got, err := decodeCables(encodeCables(newSnapEnc(), []snapCable{{Doc: c}}), &memo)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got[0].Doc, c) {
			t.Fatalf("round trip of %s differs:\n got %+v\nwant %+v", c.ID, *got[0].Doc, *c)
		}
		return got[0].Doc
	}
	wa, wb := mk("A", []string{"SECSTATE"}), mk("B", []string{"SECSTATE"})
	wc := mk("C", []string{"SECSTATE", "USUN"})
	a, b, c := decode(wa), decode(wb), decode(wc)

	same := func(what string, x, y []string) {
		t.Helper()
		if unsafe.SliceData(x) != unsafe.SliceData(y) {
			t.Errorf("%s: two equal lists are two allocations", what)
		}
	}
	same("tags of two frames", a.Tags, b.Tags)
	same("recipients", a.To, b.To)
	same("roles of two mentions", a.Persons[0].Roles, a.Persons[1].Roles)
	same("how of two cables", a.Persons[0].How, b.Persons[1].How)
	same("topics", a.Interactions[0].Topics, b.Interactions[0].Topics)
	if unsafe.SliceData(a.Persons[0].Paragraphs) != unsafe.SliceData(b.Persons[1].Paragraphs) {
		t.Error("paragraph numbers: two equal lists are two allocations")
	}
	if a.Created != b.Created || a.Created != a.Interactions[0].Date {
		t.Error("dates: equal dates are separate allocations")
	}
	if unsafe.SliceData(a.To) == unsafe.SliceData(c.To) {
		t.Error("different recipients share a list")
	}
	if unsafe.SliceData(a.Info) == unsafe.SliceData(b.Info) {
		t.Error("a list longer than maxSharedList is shared")
	}
	if cap(a.To) != len(a.To) || cap(a.Persons[0].Paragraphs) != len(a.Persons[0].Paragraphs) {
		t.Error("a shared list has room to grow: an append by a reader would write into every cable's list")
	}

	// The records built from them share their lower-cased topics too.
	ra, err := restoreRec(snapCable{Doc: a, Hash: "h"}, &memo)
	if err != nil {
		t.Fatal(err)
	}
	rb, err := restoreRec(snapCable{Doc: b, Hash: "h"}, &memo)
	if err != nil {
		t.Fatal(err)
	}
	if got := ra.interactions[0].topics; !reflect.DeepEqual(got, []string{"kv", "kosovo"}) {
		t.Fatalf("topics of the record: %q", got)
	}
	same("records' lower-case topics", ra.interactions[0].topics, rb.interactions[0].topics)
}
