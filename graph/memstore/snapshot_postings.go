package memstore

import (
	"encoding/binary"
	"fmt"
)

// A frame of the text index holds the postings of a run of terms: the
// term count, the terms' bytes as one blob (one allocation on restore, the
// map keys slice it), then per term its length, its posting count and its
// postings as (slot delta, tf) varints. Slots are positions among the
// snapshot's cables in file order; a delta of at least one (the first
// slot is written plus one) keeps every list strictly ascending.

// postingFrame is a run of terms whose postings fill one frame.
type postingFrame []string

// postingFrames cuts the index's terms into frames of about snapPosts live
// postings; callers hold mu.
func (s *Store) postingFrames() []postingFrame {
	var out []postingFrame
	var cur postingFrame
	n := 0
	for t, ps := range s.text.postings {
		cur = append(cur, t)
		n += len(*ps)
		if n >= snapPosts {
			out, cur, n = append(out, cur), nil, 0
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// encode writes the frame's postings, dropping those of replaced cables
// and renumbering slots to file positions (which keeps them sorted).
func (f postingFrame) encode(postings map[string]*[]posting, remap []int32) []byte {
	var terms, lists []byte
	var blob []byte
	n := 0
	for _, t := range f {
		k := 0
		for _, x := range *postings[t] {
			if int(x.slot) < len(remap) && remap[x.slot] >= 0 {
				k++
			}
		}
		if k == 0 {
			continue
		}
		n++
		blob = append(blob, t...)
		terms = binary.AppendUvarint(terms, uint64(len(t)))
		lists = binary.AppendUvarint(lists, uint64(k))
		prev := int64(-1)
		for _, x := range *postings[t] {
			if int(x.slot) < len(remap) && remap[x.slot] >= 0 {
				at := int64(remap[x.slot])
				lists = binary.AppendUvarint(lists, uint64(at-prev))
				lists = binary.AppendUvarint(lists, uint64(x.tf))
				prev = at
			}
		}
	}
	out := binary.AppendUvarint(nil, uint64(n))
	out = binary.AppendUvarint(out, uint64(len(blob)))
	out = append(out, blob...)
	out = append(out, terms...)
	return append(out, lists...)
}

// snapTerms is a decoded frame of postings.
type snapTerms struct {
	terms []string
	lists [][]posting // lists[i] belongs to terms[i]; slices of one array
}

// decodePostings decodes a frame of postings, checking that every slot
// names one of the cables.
func decodePostings(p []byte, cables int) (snapTerms, error) {
	d := &snapDec{b: p}
	n := d.uvarint()
	bl := d.uvarint()
	if d.err != nil || n > uint64(len(d.b)) || bl > uint64(len(d.b)) {
		return snapTerms{}, fmt.Errorf("snapshot postings frame: %d terms, %d bytes of terms: %w", n, bl, ErrBadSnapshot)
	}
	blob := string(d.b[:bl])
	d.b = d.b[bl:]
	out := snapTerms{terms: make([]string, n), lists: make([][]posting, n)}
	for i := range out.terms {
		k := d.uvarint()
		if k == 0 || k > uint64(len(blob)) {
			d.fail("term length")
			break
		}
		out.terms[i], blob = blob[:k], blob[k:]
	}
	if d.err == nil && len(blob) != 0 {
		d.fail("term bytes")
	}
	if d.err != nil {
		return snapTerms{}, d.err
	}
	// Counts first, to allocate every list of the frame at once.
	counts := make([]int, n)
	total := 0
	save := d.b
	for i := range counts {
		c := d.uvarint()
		if c == 0 || c > uint64(len(d.b)) {
			d.fail("posting count")
			break
		}
		counts[i] = int(c)
		total += int(c)
		for range 2 * c {
			d.uvarint()
		}
	}
	if d.err != nil {
		return snapTerms{}, d.err
	}
	if len(d.b) != 0 {
		return snapTerms{}, fmt.Errorf("snapshot postings frame: %d bytes left over: %w", len(d.b), ErrBadSnapshot)
	}
	d.b = save
	all := make([]posting, total)
	for i, c := range counts {
		d.uvarint()
		ps := all[:c:c] // capped: a later append copies instead of overwriting the next list
		all = all[c:]
		slot := int64(-1)
		for j := range ps {
			delta, tf := d.uvarint(), d.uvarint()
			if delta == 0 || delta > uint64(cables) || tf > 1<<32-1 {
				d.fail("posting")
				return snapTerms{}, d.err
			}
			slot += int64(delta)
			if slot >= int64(cables) {
				return snapTerms{}, fmt.Errorf("snapshot postings of %q: slot %d of %d cables: %w", out.terms[i], slot, cables, ErrBadSnapshot)
			}
			ps[j] = posting{slot: uint32(slot), tf: uint32(tf)}
		}
		out.lists[i] = ps
	}
	return out, d.err
}
