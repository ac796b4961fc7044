package loader

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

// The spool file holds each cable in the canonical encoding that
// ContentHash hashes (see hasher), not in JSON. Encoding JSON (escaping
// every body and paragraph) and decoding it again was about a third of
// the CPU of a load through a spool file (profile of load --import-dir on
// 10,000 generated cables); the canonical encoding is written once per
// cable, hashed as it is and copied back field by field. Decoding gives
// exactly the cable a JSON round trip would give (TestSpoolCodecIsTheJSONRoundTrip),
// so that the stores see no difference: times of the cable at whole
// seconds in UTC, empty parsed lists as nil, invalid UTF-8 replaced byte
// by byte with U+FFFD, as encoding/json does.

// errSpoolDamaged is what decodeCable returns for bytes it did not write.
var errSpoolDamaged = errors.New("damaged canonical encoding")

// contentEncoding is the cable's canonical encoding (for the spool file)
// and its ContentHash. It fails where json.Marshal would have: an
// interaction date outside years 0-9999 or a confidence that is not a
// finite number, so that such a cable is a failure as before.
func contentEncoding(c *graph.Cable) ([]byte, string, error) {
	if c == nil {
		return nil, "", fmt.Errorf("encoding a nil cable: %w", graph.ErrInvalid)
	}
	for _, in := range c.Interactions {
		if in.Date != nil {
			if y := in.Date.Year(); y < 0 || y > 9999 {
				return nil, "", fmt.Errorf("encoding cable %s: interaction date %s: year outside [0,9999]", c.ID, in.Date)
			}
		}
		if in.Date != nil {
			if _, off := in.Date.Zone(); off != 0 {
				if _, err := in.Date.MarshalJSON(); err != nil {
					return nil, "", fmt.Errorf("encoding cable %s: %w", c.ID, err)
				}
			}
		}
		if math.IsNaN(in.Confidence) || math.IsInf(in.Confidence, 0) {
			return nil, "", fmt.Errorf("encoding cable %s: interaction confidence %v is not a number", c.ID, in.Confidence)
		}
	}
	// The texts dominate the size; the rest rarely needs more than 4 KB.
	size := len(c.Body) + len(c.Summary) + len(c.Subject) + 4096
	for _, p := range c.Paragraphs {
		size += len(p.Text) + 8
	}
	for _, in := range c.Interactions {
		size += len(in.Evidence) + 128
	}
	b := make(byteSink, 0, size)
	e := hasher{h: &b}
	e.cable(c)
	h := sha256.New()
	h.Write([]byte(hashVersion))
	h.Write(b)
	return b, hex.EncodeToString(h.Sum(nil)), nil
}

// byteSink is an io.Writer appending to itself, cheaper than bytes.Buffer
// for the hasher's many small writes.
type byteSink []byte

func (s *byteSink) Write(p []byte) (int, error) {
	*s = append(*s, p...)
	return len(p), nil
}

// decodeCable reads what contentEncoding wrote, as a JSON round trip of
// the cable would give it back (see the comment at the top of the file).
// Every string of the cable is a slice of one copy of the record, so
// whoever keeps a string beyond the cable's own life must copy it: a kept
// id or key keeps the whole record, body included (writer.remember, the
// Neo4j import writer's freshOf; the embedded store copies or interns
// what it keeps).
func decodeCable(b []byte) (c *graph.Cable, err error) {
	d := decoder{s: string(b)} // one copy; the cable's strings share it
	c = d.cable()
	if d.err == nil && d.pos != len(d.s) {
		d.fail()
	}
	if d.err != nil {
		return nil, d.err
	}
	return c, nil
}

type decoder struct {
	s   string
	pos int
	err error
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w at byte %d of %d", errSpoolDamaged, d.pos, len(d.s))
	}
	d.pos = len(d.s) // every later read fails fast
}

func (d *decoder) uint() uint64 {
	if d.err != nil {
		return 0
	}
	var v uint64
	for i, shift := d.pos, uint(0); i < len(d.s) && i < d.pos+binary.MaxVarintLen64; i, shift = i+1, shift+7 {
		b := d.s[i]
		if b < 0x80 {
			if i == d.pos+binary.MaxVarintLen64-1 && b > 1 {
				break // overflows 64 bits
			}
			d.pos = i + 1
			return v | uint64(b)<<shift
		}
		v |= uint64(b&0x7f) << shift
	}
	d.fail()
	return 0
}

func (d *decoder) int() int { return int(int64(d.uint())) }

func (d *decoder) bool() bool {
	switch d.uint() {
	case 0:
		return false
	case 1:
		return true
	}
	d.fail()
	return false
}

// str is a string as encoding/json gives it back: each byte that is not
// valid UTF-8 becomes U+FFFD.
func (d *decoder) str() string {
	n := d.uint()
	if d.err != nil || n > uint64(len(d.s)-d.pos) {
		d.fail()
		return ""
	}
	s := d.s[d.pos : d.pos+int(n)]
	d.pos += int(n)
	if !utf8.ValidString(s) {
		s = jsonString(s)
	}
	return s
}

func jsonString(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// count reads a list header, n+1 for n items or 0 for nil; ok is false
// for nil. Each item takes at least one byte, which bounds n.
func (d *decoder) count() (n int, ok bool) {
	v := d.uint()
	if v == 0 || d.err != nil {
		return 0, false
	}
	if v-1 > uint64(len(d.s)-d.pos) {
		d.fail()
		return 0, false
	}
	return int(v - 1), true
}

// list reads a list as encoding/json gives it back: nil stays nil, an
// empty list stays empty (a field without omitempty), or becomes nil when
// emptyNil (the cable's own lists, which MarshalJSON writes as null).
func decodeList[T any](d *decoder, emptyNil bool, item func() T) []T {
	n, ok := d.count()
	if !ok || (n == 0 && emptyNil) {
		return nil
	}
	out := make([]T, 0, n)
	for range n {
		out = append(out, item())
		if d.err != nil {
			return nil
		}
	}
	return out
}

func (d *decoder) strs(emptyNil bool) []string { return decodeList(d, emptyNil, d.str) }

// instant reads a time as hasher.time wrote it (nil when absent).
func (d *decoder) instant() (t time.Time, ok bool) {
	switch d.uint() {
	case 0:
		return time.Time{}, false
	case 1:
	default:
		d.fail()
		return time.Time{}, false
	}
	sec, nsec, off := int64(d.uint()), int64(d.uint()), int(int64(d.uint()))
	if d.err != nil || nsec < 0 || nsec >= 1e9 {
		d.fail()
		return time.Time{}, false
	}
	t = time.Unix(sec, nsec).UTC()
	if off != 0 {
		t = t.In(time.FixedZone("", off))
	}
	return t, true
}

// cableTime is a time of the cable as MarshalJSON writes it: RFC 3339 in
// UTC, whole seconds.
func (d *decoder) cableTime() *time.Time {
	t, ok := d.instant()
	if !ok {
		return nil
	}
	t = time.Unix(t.Unix(), 0).UTC()
	return &t
}

// interactionTime is a time as time.Time's own JSON gives it back: to the
// nanosecond, in UTC or at a fixed offset (decoded by encoding/json itself
// then, which also knows when the offset is the local zone's).
func (d *decoder) interactionTime() *time.Time {
	t, ok := d.instant()
	if !ok {
		return nil
	}
	if _, off := t.Zone(); off != 0 {
		j, err := t.MarshalJSON()
		if err == nil {
			err = t.UnmarshalJSON(j)
		}
		if err != nil {
			d.fail()
			return nil
		}
	}
	return &t
}

func (d *decoder) cable() *graph.Cable {
	c := &graph.Cable{}
	c.ID = d.str()
	c.Created = d.cableTime()
	c.Released = d.cableTime()
	c.Classification = d.str()
	c.Caveats = d.strs(true)
	c.Origin = d.str()
	c.DTG = d.str()
	c.Precedence = d.str()
	c.From = d.str()
	c.To = d.strs(true)
	c.Info = d.strs(true)
	c.Addressees = d.strs(true)
	c.Subject = d.str()
	c.Tags = d.strs(true)
	c.References = decodeList(d, true, func() graph.Ref {
		return graph.Ref{Raw: d.str(), ID: d.str(), Kind: d.str(), Letter: d.str()}
	})
	switch d.uint() {
	case 0:
	case 1:
		c.ClassifiedBy = &graph.Classifier{Name: d.str(), Title: d.str(), Reasons: d.strs(true)}
	default:
		d.fail()
	}
	c.Declassify = d.str()
	c.Signature = d.str()
	c.Summary = d.str()
	c.Paragraphs = decodeList(d, true, func() graph.Paragraph {
		return graph.Paragraph{Number: d.int(), Marking: d.str(), Text: d.str()}
	})
	c.Body = d.str()
	c.Source = graph.Source{Path: d.str(), Format: d.str(), Record: d.int()}

	// Extracted: omitted from JSON when empty, so empty comes back nil;
	// their own lists have no omitempty, so empty stays empty.
	c.TagInfo = decodeList(d, true, func() graph.Tag {
		return graph.Tag{Code: d.str(), Meaning: d.str(), Kind: d.str(), Cables: d.int()}
	})
	c.Persons = decodeList(d, true, func() graph.PersonMention {
		return graph.PersonMention{
			Key: d.str(), Name: d.str(), Surname: d.str(), Aliases: d.strs(false), Roles: d.strs(false),
			Country: d.str(), How: d.strs(false), Count: d.int(), Paragraphs: decodeList(d, false, d.int),
		}
	})
	c.Countries = decodeList(d, true, func() graph.CountryMention {
		return graph.CountryMention{Code: d.str(), Name: d.str(), Count: d.int(), Origin: d.bool()}
	})
	c.Organizations = decodeList(d, true, func() graph.OrgMention {
		return graph.OrgMention{Key: d.str(), Name: d.str(), Kind: d.str(), Count: d.int()}
	})
	c.Interactions = decodeList(d, true, func() graph.Interaction {
		return graph.Interaction{
			A: d.str(), B: d.str(), AName: d.str(), BName: d.str(), Kind: d.str(), Status: d.str(),
			Cable: d.str(), Paragraph: d.int(), Evidence: d.str(), Topics: d.strs(false),
			Date: d.interactionTime(), Confidence: math.Float64frombits(d.uint()),
		}
	})
	return c
}
