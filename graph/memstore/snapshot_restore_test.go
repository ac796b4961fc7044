package memstore

import (
	"errors"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// TestRestoreRecRefusesDamagedCables: a frame whose checksum is right can
// still hold a cable that would make the store panic later (a paragraph
// span outside the body, span values that do not match the paragraphs);
// restoring it must fail with ErrBadSnapshot instead. A sound cable
// restores to the record prepare builds.
func TestRestoreRecRefusesDamagedCables(t *testing.T) {
	c := &graph.Cable{
		ID:         "08X1",
		Body:       "1. (C) First paragraph.\n2. Second\nparagraph.",
		Paragraphs: []graph.Paragraph{{Number: 1, Marking: "C", Text: "First paragraph."}, {Number: 2, Text: "Second paragraph."}, {Number: 3, Text: "not in the body"}},
		Persons:    []graph.PersonMention{{Key: "smith|US", Name: "John Smith"}},
	}
	want, err := prepare(c, "h")
	if err != nil {
		t.Fatal(err)
	}
	good := snapCable{Hash: "h", Doc: want.doc, Spans: snapSpans(want.spans)}
	if len(good.Spans) != 9 || good.Spans[6] != -1 || good.Spans[5] != 1 {
		t.Fatalf("spans %v: want three, the second across a line break, the third not in the body", good.Spans)
	}
	got, err := restoreRec(good, &interner{})
	if err != nil {
		t.Fatalf("sound cable: %v", err)
	}
	if d := document(got.doc, got.spans); !strings.Contains(d.Paragraphs[1].Text, "Second paragraph.") || d.Paragraphs[2].Text != "not in the body" {
		t.Errorf("restored paragraphs %+v", d.Paragraphs)
	}
	if got.hash != "h" || got.persons["smith|US"] == nil {
		t.Errorf("restored record %+v", got)
	}

	damaged := func(f func(*snapCable)) snapCable {
		x := good
		x.Spans = append([]int32(nil), good.Spans...)
		d := *good.Doc
		x.Doc = &d
		f(&x)
		return x
	}
	for name, sc := range map[string]snapCable{
		"no document":         damaged(func(x *snapCable) { x.Doc = nil }),
		"no id":               damaged(func(x *snapCable) { x.Doc.ID = " " }),
		"span past the body":  damaged(func(x *snapCable) { x.Spans[1] = int32(len(c.Body)) }),
		"negative length":     damaged(func(x *snapCable) { x.Spans[1] = -2 }),
		"line-break flag 2":   damaged(func(x *snapCable) { x.Spans[2] = 2 }),
		"spans missing":       damaged(func(x *snapCable) { x.Spans = x.Spans[:6] }),
		"spans without paras": damaged(func(x *snapCable) { x.Doc.Paragraphs = nil }),
	} {
		t.Run(name, func(t *testing.T) {
			if _, err := restoreRec(sc, &interner{}); !errors.Is(err, ErrBadSnapshot) {
				t.Errorf("err = %v, want ErrBadSnapshot", err)
			}
		})
	}
}
