package memstore

import (
	"encoding/binary"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// The snapshot's own binary encoding of cables and postings. gob decoded
// by reflection, one allocation per string, and the restore then copied
// every cable again to intern its strings: decoding was most of a
// restore's CPU. Here a frame of cables starts with a table of the
// strings its cables repeat (codes, names, keys), interned once per frame
// through the decoding worker's memo and referred to by index; the strings unique to a cable (id, subject,
// body, ...) are one allocation per cable that the cable's fields slice;
// evidence sentences found in the body are a span of it, as shareEvidence
// makes them. Integers are varints; a slice's length is written plus one,
// so that nil and empty stay apart.
//
// The decoders copy out every string they keep (never slice the payload):
// a restore reuses a decoded frame's buffer for the next frame, and
// TestSnapshotCodecCoversEveryField overwrites the payload after decoding
// to check it.
//
// Encoder and decoder walk graph.Cable's fields in the same order;
// TestSnapshotCodecCoversEveryField fills every field and checks that the
// round trip gives the cable back.

// snapEnc builds one frame of cables.
type snapEnc struct {
	strs  map[string]uint32 // repeated string -> index in table
	table []string          // index 0 is ""
	recs  []byte            // the cables' records
	blob  []byte            // the current cable's unique strings
	rec   []byte            // the current cable's fields
	evid  map[string]int    // the current cable's evidence -> first interaction quoting it
}

func newSnapEnc() *snapEnc {
	return &snapEnc{strs: map[string]uint32{"": 0}, table: []string{""}, evid: map[string]int{}}
}

func (e *snapEnc) reset() {
	clear(e.strs)
	e.strs[""] = 0
	e.table = e.table[:1]
	e.recs = e.recs[:0]
}

func (e *snapEnc) uvarint(v uint64) { e.rec = binary.AppendUvarint(e.rec, v) }
func (e *snapEnc) varint(v int64)   { e.rec = binary.AppendVarint(e.rec, v) }
func (e *snapEnc) int(v int)        { e.varint(int64(v)) }
func (e *snapEnc) bool(v bool) {
	if v {
		e.rec = append(e.rec, 1)
	} else {
		e.rec = append(e.rec, 0)
	}
}

// length writes the length of a slice, 0 for nil.
func (e *snapEnc) length(n int, isNil bool) {
	if isNil {
		e.uvarint(0)
		return
	}
	e.uvarint(uint64(n) + 1)
}

// rep writes a repeated string as its index in the frame's table.
func (e *snapEnc) rep(s string) {
	i, ok := e.strs[s]
	if !ok {
		i = uint32(len(e.table))
		e.strs[s] = i
		e.table = append(e.table, s)
	}
	e.uvarint(uint64(i))
}

func (e *snapEnc) reps(xs []string) {
	e.length(len(xs), xs == nil)
	for _, x := range xs {
		e.rep(x)
	}
}

// uniq writes a string unique to the cable: its length here, its bytes in
// the cable's blob.
func (e *snapEnc) uniq(s string) {
	e.uvarint(uint64(len(s)))
	e.blob = append(e.blob, s...)
}

func (e *snapEnc) time(t *time.Time) {
	if t == nil {
		e.bool(false)
		return
	}
	e.bool(true)
	e.varint(t.Unix())
	e.uvarint(uint64(t.Nanosecond()))
}

// cable appends one cable's record: the blob of its unique strings, then
// its fields.
func (e *snapEnc) cable(c snapCable) {
	e.blob, e.rec = e.blob[:0], e.rec[:0]
	d := c.Doc
	e.uniq(c.Hash)
	e.int(c.DocLen)
	e.int(c.NTerms)
	e.uniq(d.ID)
	e.time(d.Created)
	e.time(d.Released)
	e.rep(d.Classification)
	e.reps(d.Caveats)
	e.rep(d.Origin)
	e.uniq(d.DTG)
	e.rep(d.Precedence)
	e.rep(d.From)
	e.reps(d.To)
	e.reps(d.Info)
	e.reps(d.Addressees)
	e.uniq(d.Subject)
	e.reps(d.Tags)
	e.length(len(d.References), d.References == nil)
	for _, r := range d.References {
		e.rep(r.Raw)
		e.rep(r.ID)
		e.rep(r.Kind)
		e.rep(r.Letter)
	}
	e.bool(d.ClassifiedBy != nil)
	if cb := d.ClassifiedBy; cb != nil {
		e.rep(cb.Name)
		e.rep(cb.Title)
		e.reps(cb.Reasons)
	}
	e.rep(d.Declassify)
	e.rep(d.Signature)
	e.uniq(d.Summary)
	e.uniq(d.Body)
	e.length(len(d.Paragraphs), d.Paragraphs == nil)
	for i, p := range d.Paragraphs {
		e.int(p.Number)
		e.rep(p.Marking)
		e.uniq(p.Text)
		off, n, nl := int32(-1), int32(0), int32(0)
		if 3*i+2 < len(c.Spans) {
			off, n, nl = c.Spans[3*i], c.Spans[3*i+1], c.Spans[3*i+2]
		}
		e.varint(int64(off))
		e.varint(int64(n))
		e.varint(int64(nl))
	}
	e.uniq(d.Source.Path)
	e.rep(d.Source.Format)
	e.int(d.Source.Record)
	e.length(len(d.TagInfo), d.TagInfo == nil)
	for _, t := range d.TagInfo {
		e.rep(t.Code)
		e.rep(t.Meaning)
		e.rep(t.Kind)
		e.int(t.Cables)
	}
	e.length(len(d.Persons), d.Persons == nil)
	for _, p := range d.Persons {
		e.rep(p.Key)
		e.rep(p.Name)
		e.rep(p.Surname)
		e.reps(p.Aliases)
		e.reps(p.Roles)
		e.rep(p.Country)
		e.reps(p.How)
		e.int(p.Count)
		e.length(len(p.Paragraphs), p.Paragraphs == nil)
		for _, x := range p.Paragraphs {
			e.int(x)
		}
	}
	e.length(len(d.Countries), d.Countries == nil)
	for _, x := range d.Countries {
		e.rep(x.Code)
		e.rep(x.Name)
		e.int(x.Count)
		e.bool(x.Origin)
	}
	e.length(len(d.Organizations), d.Organizations == nil)
	for _, o := range d.Organizations {
		e.rep(o.Key)
		e.rep(o.Name)
		e.rep(o.Kind)
		e.int(o.Count)
	}
	e.length(len(d.Interactions), d.Interactions == nil)
	clear(e.evid)
	for i, x := range d.Interactions {
		e.rep(x.A)
		e.rep(x.B)
		e.rep(x.AName)
		e.rep(x.BName)
		e.rep(x.Kind)
		e.rep(x.Status)
		e.rep(x.Cable)
		e.int(x.Paragraph)
		e.evidence(i, x.Evidence, d.Body)
		e.reps(x.Topics)
		e.time(x.Date)
		e.rec = binary.LittleEndian.AppendUint64(e.rec, math.Float64bits(x.Confidence))
	}
	e.recs = binary.AppendUvarint(e.recs, uint64(len(e.blob)))
	e.recs = append(e.recs, e.blob...)
	e.recs = binary.AppendUvarint(e.recs, uint64(len(e.rec)))
	e.recs = append(e.recs, e.rec...)
}

// Evidence kinds: none, a string of its own, a span of the body, the same
// string as an earlier interaction of the cable.
const (
	evNone = iota
	evOwn
	evBody
	evSame
)

func (e *snapEnc) evidence(i int, ev, body string) {
	switch j, seen := e.evid[ev]; {
	case ev == "":
		e.uvarint(evNone)
	case seen:
		e.uvarint(evSame)
		e.uvarint(uint64(j))
	default:
		e.evid[ev] = i
		if k := strings.Index(body, ev); k >= 0 {
			e.uvarint(evBody)
			e.uvarint(uint64(k))
			e.uvarint(uint64(len(ev)))
			return
		}
		e.uvarint(evOwn)
		e.uniq(ev)
	}
}

// frame returns the payload of the frame: the cable count, the string
// table, then the records.
func (e *snapEnc) frame(n int) []byte {
	size := 0
	for _, s := range e.table {
		size += len(s) + 2
	}
	out := make([]byte, 0, 2*binary.MaxVarintLen64+size+len(e.recs))
	out = binary.AppendUvarint(out, uint64(n))
	out = binary.AppendUvarint(out, uint64(len(e.table)))
	for _, s := range e.table {
		out = binary.AppendUvarint(out, uint64(len(s)))
		out = append(out, s...)
	}
	return append(out, e.recs...)
}

// encodeCables encodes a frame of cables.
func encodeCables(e *snapEnc, batch []snapCable) []byte {
	e.reset()
	for _, c := range batch {
		e.cable(c)
	}
	return e.frame(len(batch))
}

// snapDec reads a frame; the first error sticks and every later read
// returns zero values, so that decoding code checks once at the end.
type snapDec struct {
	b    []byte
	err  error
	tab  []string
	blob string    // the current cable's unique strings, consumed by uniq
	in   *interner // shares repeated lists and dates; nil: each is its own
}

func (d *snapDec) fail(what string) {
	if d.err == nil {
		d.err = fmt.Errorf("snapshot frame: bad %s: %w", what, ErrBadSnapshot)
	}
	d.b = nil
}

func (d *snapDec) uvarint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *snapDec) varint() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *snapDec) int() int {
	v := d.varint()
	if v != int64(int(v)) {
		d.fail("integer")
		return 0
	}
	return int(v)
}

func (d *snapDec) bool() bool {
	switch d.uvarint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail("boolean")
	return false
}

// length reads a slice length written by snapEnc.length: -1 for nil. A
// length cannot exceed the bytes left (every element takes at least one),
// so that damage cannot allocate more than the frame's size.
func (d *snapDec) length() int {
	v := d.uvarint()
	if v > uint64(len(d.b))+1 {
		d.fail("length")
		return -1
	}
	return int(v) - 1
}

func (d *snapDec) rep() string {
	i := d.uvarint()
	if i >= uint64(len(d.tab)) {
		d.fail("string index")
		return ""
	}
	return d.tab[i]
}

func (d *snapDec) reps() []string {
	n := d.length()
	if n < 0 {
		return nil
	}
	if d.in == nil || n > maxSharedList {
		out := make([]string, n)
		for i := range out {
			out[i] = d.rep()
		}
		return out
	}
	var buf [maxSharedList]string
	for i := range n {
		buf[i] = d.rep()
	}
	return d.in.list(buf[:n])
}

func (d *snapDec) uniq() string {
	n := d.uvarint()
	if n > uint64(len(d.blob)) {
		d.fail("string length")
		return ""
	}
	s := d.blob[:n]
	d.blob = d.blob[n:]
	return s
}

func (d *snapDec) time() *time.Time {
	if !d.bool() {
		return nil
	}
	sec := d.varint()
	ns := d.uvarint()
	if ns >= 1e9 {
		d.fail("time")
		return nil
	}
	if d.in != nil {
		return d.in.time(sec, int64(ns))
	}
	t := time.Unix(sec, int64(ns)).UTC()
	return &t
}

func (d *snapDec) int32() int32 {
	v := d.varint()
	if v != int64(int32(v)) {
		d.fail("span")
		return 0
	}
	return int32(v)
}

// decodeCables decodes a frame of cables, interning the string table
// through intern.
func decodeCables(p []byte, intern *interner) ([]snapCable, error) {
	d := &snapDec{b: p, in: intern}
	n := d.uvarint()
	nt := d.uvarint()
	if d.err != nil || n > uint64(len(p)) || nt > uint64(len(p))+1 || nt == 0 {
		return nil, fmt.Errorf("snapshot frame: %d cables, %d strings in %d bytes: %w", n, nt, len(p), ErrBadSnapshot)
	}
	d.tab = make([]string, nt)
	for i := range d.tab {
		k := d.uvarint()
		if k > uint64(len(d.b)) {
			d.fail("table string")
			break
		}
		d.tab[i] = intern.inBytes(d.b[:k])
		d.b = d.b[k:]
	}
	if d.err != nil || d.tab[0] != "" {
		return nil, fmt.Errorf("snapshot frame string table: %w", ErrBadSnapshot)
	}
	out := make([]snapCable, 0, n)
	docs := make([]graph.Cable, n)
	for i := range n {
		c := d.cable(&docs[i])
		if d.err != nil {
			return nil, d.err
		}
		out = append(out, c)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("snapshot frame: %d bytes after its cables: %w", len(d.b), ErrBadSnapshot)
	}
	return out, nil
}

// cable decodes one record into doc.
func (d *snapDec) cable(doc *graph.Cable) snapCable {
	bl := d.uvarint()
	if bl > uint64(len(d.b)) {
		d.fail("cable strings")
		return snapCable{}
	}
	// One allocation holds every string unique to the cable.
	d.blob = string(d.b[:bl])
	d.b = d.b[bl:]
	rl := d.uvarint()
	if rl > uint64(len(d.b)) {
		d.fail("cable record")
		return snapCable{}
	}
	rest := d.b[rl:]
	d.b = d.b[:rl]
	c := snapCable{Doc: doc}
	c.Hash = d.uniq()
	c.DocLen = d.int()
	c.NTerms = d.int()
	doc.ID = d.uniq()
	doc.Created = d.time()
	doc.Released = d.time()
	doc.Classification = d.rep()
	doc.Caveats = d.reps()
	doc.Origin = d.rep()
	doc.DTG = d.uniq()
	doc.Precedence = d.rep()
	doc.From = d.rep()
	doc.To = d.reps()
	doc.Info = d.reps()
	doc.Addressees = d.reps()
	doc.Subject = d.uniq()
	doc.Tags = d.reps()
	if n := d.length(); n >= 0 {
		doc.References = make([]graph.Ref, n)
		for i := range doc.References {
			doc.References[i] = graph.Ref{Raw: d.rep(), ID: d.rep(), Kind: d.rep(), Letter: d.rep()}
		}
	}
	if d.bool() {
		doc.ClassifiedBy = &graph.Classifier{Name: d.rep(), Title: d.rep(), Reasons: d.reps()}
	}
	doc.Declassify = d.rep()
	doc.Signature = d.rep()
	doc.Summary = d.uniq()
	doc.Body = d.uniq()
	if n := d.length(); n >= 0 {
		doc.Paragraphs = make([]graph.Paragraph, n)
		c.Spans = make([]int32, 3*n)
		for i := range doc.Paragraphs {
			doc.Paragraphs[i] = graph.Paragraph{Number: d.int(), Marking: d.rep(), Text: d.uniq()}
			c.Spans[3*i], c.Spans[3*i+1], c.Spans[3*i+2] = d.int32(), d.int32(), d.int32()
		}
		if n == 0 {
			c.Spans = nil
		}
	}
	doc.Source = graph.Source{Path: d.uniq(), Format: d.rep(), Record: d.int()}
	if n := d.length(); n >= 0 {
		doc.TagInfo = make([]graph.Tag, n)
		for i := range doc.TagInfo {
			doc.TagInfo[i] = graph.Tag{Code: d.rep(), Meaning: d.rep(), Kind: d.rep(), Cables: d.int()}
		}
	}
	if n := d.length(); n >= 0 {
		doc.Persons = make([]graph.PersonMention, n)
		for i := range doc.Persons {
			p := &doc.Persons[i]
			p.Key, p.Name, p.Surname = d.rep(), d.rep(), d.rep()
			p.Aliases, p.Roles = d.reps(), d.reps()
			p.Country = d.rep()
			p.How = d.reps()
			p.Count = d.int()
			p.Paragraphs = d.ints()
		}
	}
	if n := d.length(); n >= 0 {
		doc.Countries = make([]graph.CountryMention, n)
		for i := range doc.Countries {
			doc.Countries[i] = graph.CountryMention{Code: d.rep(), Name: d.rep(), Count: d.int(), Origin: d.bool()}
		}
	}
	if n := d.length(); n >= 0 {
		doc.Organizations = make([]graph.OrgMention, n)
		for i := range doc.Organizations {
			doc.Organizations[i] = graph.OrgMention{Key: d.rep(), Name: d.rep(), Kind: d.rep(), Count: d.int()}
		}
	}
	if n := d.length(); n >= 0 {
		doc.Interactions = make([]graph.Interaction, n)
		for i := range doc.Interactions {
			x := &doc.Interactions[i]
			x.A, x.B, x.AName, x.BName = d.rep(), d.rep(), d.rep(), d.rep()
			x.Kind, x.Status, x.Cable = d.rep(), d.rep(), d.rep()
			x.Paragraph = d.int()
			x.Evidence = d.evidence(doc, i)
			x.Topics = d.reps()
			x.Date = d.time()
			if len(d.b) < 8 {
				d.fail("confidence")
				break
			}
			x.Confidence = math.Float64frombits(binary.LittleEndian.Uint64(d.b))
			d.b = d.b[8:]
		}
	}
	if d.err == nil && (len(d.b) != 0 || len(d.blob) != 0) {
		d.fail("cable record length")
	}
	d.b = rest
	if d.err != nil {
		d.b = nil
	}
	return c
}

func (d *snapDec) evidence(doc *graph.Cable, i int) string {
	switch d.uvarint() {
	case evNone:
		return ""
	case evOwn:
		return d.uniq()
	case evBody:
		k, n := d.uvarint(), d.uvarint()
		if k > uint64(len(doc.Body)) || n > uint64(len(doc.Body))-k {
			d.fail("evidence span")
			return ""
		}
		return doc.Body[k : k+n]
	case evSame:
		j := d.uvarint()
		if j >= uint64(i) {
			d.fail("evidence reference")
			return ""
		}
		return doc.Interactions[j].Evidence
	}
	d.fail("evidence kind")
	return ""
}

// inBytes interns a string given as bytes: a hit in the memo allocates
// nothing. It does not go through unique.Make (in) as writes do: that
// was 8% of a restore's CPU and its table took more heap than the at most
// one extra copy per worker of a repeated string that the memos leave.
func (m *interner) inBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if v, ok := m.strs[string(b)]; ok {
		return v
	}
	if m.strs == nil {
		m.strs = map[string]string{}
	}
	v := string(b)
	m.strs[v] = v
	return v
}
