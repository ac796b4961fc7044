package loader

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// hashVersion names the encoding ContentHash hashes; bump it when the
// encoding changes, so that no two encodings can give the same bytes.
const hashVersion = "cablegraph content v2\n"

// ContentHash is the hex sha256 of a canonical binary encoding of the
// cable: every field, parsed and extracted, in declaration order, strings
// and lists length-prefixed and nil told apart from empty where JSON
// tells them apart (null against [] or ""). It changes whenever anything
// the store would hold for the cable changes, including where it was read
// from and what a newer extractor finds in it, so reloading after an
// extractor upgrade rewrites the cables whose facts changed and only those.
//
// It used to be the sha256 of the cable's JSON; encoding JSON (escaping
// every body and paragraph) cost a tenth of a load's CPU, hashing the
// same bytes length-prefixed costs a few percent of that. The values
// differ from the JSON ones: a store loaded by an older build rewrites
// every cable once at its next load. TestContentHashCoversEveryField
// fails when a field of graph.Cable is not hashed.
func ContentHash(c *graph.Cable) (string, error) {
	if c == nil {
		return "", fmt.Errorf("hashing a nil cable: %w", graph.ErrInvalid)
	}
	h := sha256.New()
	e := hasher{h: h}
	e.h.Write([]byte(hashVersion))
	e.cable(c)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// hasher writes the canonical encoding into h (a hash, or a buffer for
// an identity key). Small values go through a scratch buffer; strings are
// written as they are after their length.
type hasher struct {
	h   io.Writer
	buf [4096]byte
}

func (e *hasher) uint(v uint64) {
	n := binary.PutUvarint(e.buf[:], v)
	e.h.Write(e.buf[:n])
}

func (e *hasher) int(v int) { e.uint(uint64(int64(v))) }

func (e *hasher) bool(v bool) {
	if v {
		e.uint(1)
	} else {
		e.uint(0)
	}
}

func (e *hasher) str(s string) {
	e.uint(uint64(len(s)))
	// Copied through the scratch buffer: []byte(s) would allocate a copy
	// of every body, since the hash is behind an interface.
	for len(s) > 0 {
		n := copy(e.buf[:], s)
		e.h.Write(e.buf[:n])
		s = s[n:]
	}
}

// list writes nil as 0 and a list of n items as n+1, then the items.
func list[T any](e *hasher, s []T, item func(T)) {
	if s == nil {
		e.uint(0)
		return
	}
	e.uint(uint64(len(s)) + 1)
	for _, x := range s {
		item(x)
	}
}

func (e *hasher) strs(s []string) { list(e, s, e.str) }
func (e *hasher) ints(s []int)    { list(e, s, e.int) }

func (e *hasher) time(t *time.Time) {
	if t == nil {
		e.uint(0)
		return
	}
	// The instant and the zone offset: what the JSON form (RFC 3339)
	// holds.
	_, off := t.Zone()
	e.uint(1)
	e.uint(uint64(t.Unix()))
	e.uint(uint64(t.Nanosecond()))
	e.uint(uint64(int64(off)))
}

func (e *hasher) cable(c *graph.Cable) {
	e.str(c.ID)
	e.time(c.Created)
	e.time(c.Released)
	e.str(c.Classification)
	e.strs(c.Caveats)
	e.str(c.Origin)
	e.str(c.DTG)
	e.str(c.Precedence)
	e.str(c.From)
	e.strs(c.To)
	e.strs(c.Info)
	e.strs(c.Addressees)
	e.str(c.Subject)
	e.strs(c.Tags)
	list(e, c.References, func(r graph.Ref) {
		e.str(r.Raw)
		e.str(r.ID)
		e.str(r.Kind)
		e.str(r.Letter)
	})
	if cb := c.ClassifiedBy; cb == nil {
		e.uint(0)
	} else {
		e.uint(1)
		e.str(cb.Name)
		e.str(cb.Title)
		e.strs(cb.Reasons)
	}
	e.str(c.Declassify)
	e.str(c.Signature)
	e.str(c.Summary)
	list(e, c.Paragraphs, func(p graph.Paragraph) {
		e.int(p.Number)
		e.str(p.Marking)
		e.str(p.Text)
	})
	e.str(c.Body)
	e.str(c.Source.Path)
	e.str(c.Source.Format)
	e.int(c.Source.Record)

	// Extracted. JSON omits these when empty, so empty and nil are one.
	omitEmpty(e, c.TagInfo, func(t graph.Tag) {
		e.str(t.Code)
		e.str(t.Meaning)
		e.str(t.Kind)
		e.int(t.Cables)
	})
	omitEmpty(e, c.Persons, func(p graph.PersonMention) {
		e.str(p.Key)
		e.str(p.Name)
		e.str(p.Surname)
		e.strs(p.Aliases)
		e.strs(p.Roles)
		e.str(p.Country)
		e.strs(p.How)
		e.int(p.Count)
		e.ints(p.Paragraphs)
	})
	omitEmpty(e, c.Countries, func(m graph.CountryMention) {
		e.str(m.Code)
		e.str(m.Name)
		e.int(m.Count)
		e.bool(m.Origin)
	})
	omitEmpty(e, c.Organizations, func(o graph.OrgMention) {
		e.str(o.Key)
		e.str(o.Name)
		e.str(o.Kind)
		e.int(o.Count)
	})
	omitEmpty(e, c.Interactions, e.interaction)
}

func (e *hasher) interaction(in graph.Interaction) {
	e.str(in.A)
	e.str(in.B)
	e.str(in.AName)
	e.str(in.BName)
	e.str(in.Kind)
	e.str(in.Status)
	e.str(in.Cable)
	e.int(in.Paragraph)
	e.str(in.Evidence)
	e.strs(in.Topics)
	e.time(in.Date)
	e.uint(math.Float64bits(in.Confidence))
}

// sameInteraction reports whether a and b have the same canonical
// encoding (hasher.interaction): every field equal, nil topics told apart
// from empty ones, dates by instant and zone offset, confidences by bits.
func sameInteraction(a, b graph.Interaction) bool {
	if a.A != b.A || a.B != b.B || a.AName != b.AName || a.BName != b.BName || a.Kind != b.Kind ||
		a.Status != b.Status || a.Cable != b.Cable || a.Paragraph != b.Paragraph || a.Evidence != b.Evidence ||
		(a.Topics == nil) != (b.Topics == nil) || !slices.Equal(a.Topics, b.Topics) ||
		math.Float64bits(a.Confidence) != math.Float64bits(b.Confidence) || (a.Date == nil) != (b.Date == nil) {
		return false
	}
	if a.Date == nil {
		return true
	}
	_, ao := a.Date.Zone()
	_, bo := b.Date.Zone()
	return a.Date.Unix() == b.Date.Unix() && a.Date.Nanosecond() == b.Date.Nanosecond() && ao == bo
}

func omitEmpty[T any](e *hasher, s []T, item func(T)) {
	if len(s) == 0 {
		e.uint(0)
		return
	}
	list(e, s, item)
}

// DatasetVersion is the hex sha256 over the lines "id:hash\n" of the given
// cables sorted by id. It depends only on which cables were seen and their
// content, not on input order, file layout or the number of workers.
func DatasetVersion(hashes map[string]string) string {
	ids := make([]string, 0, len(hashes))
	for id := range hashes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		fmt.Fprintf(h, "%s:%s\n", id, hashes[id])
	}
	return hex.EncodeToString(h.Sum(nil))
}
