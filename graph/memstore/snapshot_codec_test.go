package memstore

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"unsafe"

	"github.com/cablegraph/cablegraph/graph"
)

// filledCable is a cable with every field set to a distinct value (see
// fill), and spans for its paragraphs.
func filledCable(t *testing.T) snapCable {
	t.Helper()
	var c graph.Cable
	n := 0
	fill(reflect.ValueOf(&c).Elem(), &n)
	spans := make([]int32, 0, 3*len(c.Paragraphs))
	for i := range c.Paragraphs {
		spans = append(spans, int32(i), 1, int32(i%2))
	}
	return snapCable{Hash: "hash", Doc: &c, Spans: spans, DocLen: 12345, NTerms: 678}
}

// roundTrip encodes and decodes a frame, then overwrites the payload, as
// a restore reuses it for the next frame: nothing decoded may point into it.
func roundTrip(t *testing.T, batch []snapCable) []snapCable {
	t.Helper()
	p := encodeCables(newSnapEnc(), batch)
	got, err := decodeCables(p, &interner{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	for i := range p {
		p[i] = 'x'
	}
	return got
}

// TestSnapshotCodecCoversEveryField: a field the codec forgets (one added
// to graph.Cable later, say) shows up as a difference after the round trip.
func TestSnapshotCodecCoversEveryField(t *testing.T) {
	want := filledCable(t)
	got := roundTrip(t, []snapCable{want})
	if len(got) != 1 {
		t.Fatalf("%d cables back, want 1", len(got))
	}
	if !reflect.DeepEqual(got[0], want) {
		t.Fatalf("round trip differs:\n got %+v\nwant %+v", *got[0].Doc, *want.Doc)
	}
}

// TestSnapshotCodecKeepsNilAndEmptyApart: gob turned empty slices into
// nil; the codec keeps what was written.
func TestSnapshotCodecKeepsNilAndEmptyApart(t *testing.T) {
	empty := &graph.Cable{ID: "E", Caveats: []string{}, Persons: []graph.PersonMention{{Key: "k", Paragraphs: []int{}}}, Interactions: []graph.Interaction{}}
	bare := &graph.Cable{ID: "N"}
	got := roundTrip(t, []snapCable{{Doc: empty}, {Doc: bare}})
	if !reflect.DeepEqual(got[0].Doc, empty) || !reflect.DeepEqual(got[1].Doc, bare) {
		t.Fatalf("got %+v and %+v", *got[0].Doc, *got[1].Doc)
	}
}

// TestSnapshotCodecSharesStrings: repeated strings come back interned
// (the same bytes across the frames a worker decodes), evidence found in the body is a slice of
// it, and interactions quoting the same sentence share one string, as
// prepare made them.
func TestSnapshotCodecSharesStrings(t *testing.T) {
	body := "1. (C) Smith met Jones in Pristina. They discussed Kosovo."
	mk := func(id string) *graph.Cable {
		return &graph.Cable{ID: id, Body: body, Origin: "Embassy Pristina", Interactions: []graph.Interaction{
			{A: "smith|US", B: "jones|US", Evidence: "Smith met Jones in Pristina."},
			{A: "smith|US", B: "jones|US", Evidence: "not in the body"},
			{A: "jones|US", B: "smith|US", Evidence: "not in the body"},
		}}
	}
	// Two frames decoded by one worker (one memo).
	memo := interner{}
	decode := func(id string) *graph.Cable {
		got, err := decodeCables(encodeCables(newSnapEnc(), []snapCable{{Doc: mk(id)}}), &memo)
		if err != nil {
			t.Fatal(err)
		}
		return got[0].Doc
	}
	a, b := decode("A"), decode("B")
	if unsafe.StringData(a.Origin) != unsafe.StringData(b.Origin) || unsafe.StringData(a.Interactions[0].A) != unsafe.StringData(b.Interactions[0].A) {
		t.Error("repeated strings of two frames are not interned")
	}
	ev := a.Interactions[0].Evidence
	if k := strings.Index(body, ev); k < 0 || unsafe.StringData(ev) != unsafe.StringData(a.Body[k:]) {
		t.Errorf("evidence %q is not a slice of the body", ev)
	}
	if e1, e2 := a.Interactions[1].Evidence, a.Interactions[2].Evidence; e1 != "not in the body" || unsafe.StringData(e1) != unsafe.StringData(e2) {
		t.Errorf("evidence %q and %q: want one shared string", e1, e2)
	}
}

// TestSnapshotCodecRefusesDamage: every truncation of a frame, and
// random byte changes, fail with ErrBadSnapshot or decode to something,
// never panic.
func TestSnapshotCodecRefusesDamage(t *testing.T) {
	p := encodeCables(newSnapEnc(), []snapCable{filledCable(t), {Doc: &graph.Cable{ID: "X", Body: "short body"}}})
	for n := range len(p) {
		if _, err := decodeCables(p[:n], &interner{}); !errors.Is(err, ErrBadSnapshot) {
			t.Fatalf("truncated to %d of %d bytes: err = %v, want ErrBadSnapshot", n, len(p), err)
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		q := append([]byte(nil), p...)
		for range 1 + rng.IntN(3) {
			q[rng.IntN(len(q))] = byte(rng.IntN(256))
		}
		if _, err := decodeCables(q, &interner{}); err != nil && !errors.Is(err, ErrBadSnapshot) {
			t.Fatalf("damaged frame: err = %v, want ErrBadSnapshot", err)
		}
	}
}

// TestSnapshotPostingsRoundTrip: postings come back per term in slot
// order, renumbered without replaced cables; damage fails cleanly.
func TestSnapshotPostingsRoundTrip(t *testing.T) {
	postings := map[string]*[]posting{
		"kosovo":   {{slot: 0, tf: 3}, {slot: 2, tf: 1}, {slot: 5, tf: 7}},
		"pristina": {{slot: 1, tf: 1}},
		"gone":     {{slot: 1, tf: 2}},
	}
	remap := []int32{0, -1, 1, 2, 3, 4} // slot 1 was replaced
	p := postingFrame{"kosovo", "pristina", "gone"}.encode(postings, remap)
	q := append([]byte(nil), p...)
	got, err := decodePostings(q, 5)
	if err != nil {
		t.Fatal(err)
	}
	for i := range q {
		q[i] = 'x' // reused for the next frame: nothing decoded may point into it
	}
	want := snapTerms{terms: []string{"kosovo"}, lists: [][]posting{{{slot: 0, tf: 3}, {slot: 1, tf: 1}, {slot: 4, tf: 7}}}}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %+v, want %+v", got, want)
	}
	if _, err := decodePostings(p, 4); !errors.Is(err, ErrBadSnapshot) {
		t.Errorf("slot past the cables: err = %v, want ErrBadSnapshot", err)
	}
	for n := range len(p) {
		if _, err := decodePostings(p[:n], 5); !errors.Is(err, ErrBadSnapshot) {
			t.Fatalf("truncated to %d of %d bytes: err = %v, want ErrBadSnapshot", n, len(p), err)
		}
	}
}

// TestSnapshotWithATwiceWrittenCableIsRefused: a snapshot holds each
// cable once (restore links without replacing); one holding an id twice,
// with sound checksums, is damage and must be refused, not restored into
// a store whose slots and ids disagree.
func TestSnapshotWithATwiceWrittenCableIsRefused(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString(snapMagic)
	buf.Write(binary.LittleEndian.AppendUint32(nil, snapVersion))
	h := snapshotHeader{Info: SnapshotInfo{Key: "k", Cables: 2}, Frames: 1}
	if err := writeGob(&buf, h); err != nil {
		t.Fatal(err)
	}
	c := snapCable{Hash: "h", Doc: &graph.Cable{ID: "08X1", Body: "text"}}
	if err := writeFrame(&buf, encodeCables(newSnapEnc(), []snapCable{c, c})); err != nil {
		t.Fatal(err)
	}
	if _, _, err := ReadSnapshot(context.Background(), &buf, "k"); !errors.Is(err, ErrBadSnapshot) {
		t.Fatalf("err = %v, want ErrBadSnapshot", err)
	}
}
