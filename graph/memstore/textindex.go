package memstore

import (
	"math"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

// posting is one cable containing a term. Slots only grow (a replaced
// cable gets a new slot), so posting lists stay sorted by slot and a
// replacement only has to mark the old slot dead.
type posting struct {
	slot uint32
	tf   uint32
}

// textIndex is the inverted index behind Search: term -> cables.
type textIndex struct {
	postings map[string]*[]posting // a pointer, so that adding to a known term is one map lookup
	live     int                   // cables indexed and not replaced
	totalLen int64                 // tokens over live cables
	dead     int                   // postings pointing at replaced slots
	total    int                   // all postings

	// vocab is every indexed term, built lazily for ListCables Text
	// (substring) lookups and dropped when a write adds a term.
	vmu   sync.Mutex
	vocab []string
	// vhits caches, per word, the terms of vocab containing it: topic
	// words repeat across queries, and scanning the whole vocabulary
	// was a quarter of a discussions question. Dropped with vocab.
	vhits map[string][]string
}

// maxVHits bounds the cache of substring lookups.
const maxVHits = 4096

func newTextIndex() *textIndex { return &textIndex{postings: map[string]*[]posting{}} }

// termFreqs counts the tokens of a cable's subject and body.
func termFreqs(r *cableRec) (map[string]uint32, int) {
	// About one distinct term per 20 bytes of text: sized once instead of
	// growing (and rehashing) several times.
	tf := make(map[string]uint32, (len(r.subject)+len(r.body))/20)
	n := 0
	count := func(t string) { tf[t]++; n++ }
	graph.Tokenize(r.subject, count)
	graph.Tokenize(r.body, count)
	return tf, n
}

// add indexes the terms prepare counted, then drops them from the record:
// the postings hold them from now on.
func (ix *textIndex) add(r *cableRec) {
	tf := r.terms
	r.terms = nil
	for t, n := range tf {
		ps := ix.postings[t]
		if ps == nil {
			ps = new([]posting)
			ix.postings[t] = ps
			ix.vocab = nil
		}
		*ps = append(*ps, posting{slot: r.slot, tf: n})
	}
	ix.live++
	ix.totalLen += int64(r.docLen)
	ix.total += len(tf)
}

func (ix *textIndex) remove(r *cableRec) {
	ix.live--
	ix.totalLen -= int64(r.docLen)
	ix.dead += r.nterms
}

// maybeCompact drops dead postings once they are a third of the index, so
// that reloading changed cables costs amortised constant time per term.
func (ix *textIndex) maybeCompact(slots []*cableRec) {
	if ix.dead < 4096 || ix.dead*3 < ix.total {
		return
	}
	for t, p := range ix.postings {
		ps := slices.DeleteFunc(*p, func(p posting) bool { return slots[p.slot] == nil })
		if len(ps) == 0 {
			delete(ix.postings, t)
			ix.vocab = nil
			continue
		}
		*p = slices.Clip(ps)
	}
	ix.total -= ix.dead
	ix.dead = 0
}

// scores calls yield with each live slot containing every term and its
// BM25 score, in slot order. It walks the rarest term's postings and finds
// the others' by a forward search (every list is sorted by slot), with each
// term's idf computed once: a common word's 8,000 postings at full size
// had cost a map entry, a binary search and a logarithm each.
func (ix *textIndex) scores(terms []string, slots []*cableRec, yield func(slot uint32, score float64)) {
	if len(terms) == 0 {
		return
	}
	lists := make([][]posting, 0, len(terms))
	for _, t := range terms {
		ps, ok := ix.postings[t]
		if !ok {
			return
		}
		lists = append(lists, *ps)
	}
	slices.SortFunc(lists, func(a, b []posting) int { return len(a) - len(b) })
	avg := 1.0
	if ix.live > 0 {
		avg = float64(ix.totalLen) / float64(ix.live)
	}
	const k1, b = 1.2, 0.75
	idf := make([]float64, len(lists))
	for i, l := range lists {
		df := float64(len(l))
		idf[i] = math.Log(1 + (float64(ix.live)-df+0.5)/(df+0.5))
	}
	next := make([]int, len(lists)) // per list: the first posting not yet passed
	for _, p := range lists[0] {
		r := slots[p.slot]
		if r == nil {
			continue
		}
		score := 0.0
		ok := true
		for i, l := range lists {
			tf := float64(p.tf)
			if i > 0 {
				j := next[i]
				j += sort.Search(len(l)-j, func(k int) bool { return l[j+k].slot >= p.slot })
				next[i] = j
				if j == len(l) || l[j].slot != p.slot {
					ok = false
					break
				}
				tf = float64(l[j].tf)
			}
			score += idf[i] * tf * (k1 + 1) / (tf + k1*(1-b+b*float64(r.docLen)/avg))
		}
		if ok {
			yield(p.slot, score)
		}
	}
}

// wordish reports whether every rune of w is one a token is made of: then
// each occurrence of w in a text lies inside a single token, and the
// cables whose tokens contain w are a superset of those whose text does.
func wordish(w string) bool {
	if w == "" {
		return false
	}
	for _, r := range w {
		if r == utf8.RuneError || !graph.IsWordRune(r) {
			return false
		}
	}
	return true
}

// termsContaining returns the indexed terms containing w, in order.
func (ix *textIndex) termsContaining(w string) []string {
	ix.vmu.Lock()
	defer ix.vmu.Unlock()
	if ix.vocab == nil {
		v := make([]string, 0, len(ix.postings))
		for t := range ix.postings {
			v = append(v, t)
		}
		slices.Sort(v)
		ix.vocab = v
		ix.vhits = nil
	}
	if ts, ok := ix.vhits[w]; ok {
		return ts
	}
	var ts []string
	for _, t := range ix.vocab {
		if strings.Contains(t, w) {
			ts = append(ts, t)
		}
	}
	if ix.vhits == nil || len(ix.vhits) >= maxVHits {
		ix.vhits = map[string][]string{}
	}
	ix.vhits[w] = ts
	return ts
}

// substringCandidates returns the live cables with a token containing one
// of words (the most selective one), a superset of the cables whose text
// contains it; ok is false when no word can use the index or the best one
// is too common for the index to beat a scan. decided is that word when
// the set is exactly the cables whose lower-cased text contains it (an
// ASCII word: the runes lower-casing into it are word runes, so each
// occurrence lies inside one token), so that nobody reads their text
// again for it; "" otherwise.
func (ix *textIndex) substringCandidates(words []string, slots []*cableRec) (out []*cableRec, decided string, ok bool) {
	var best [][]posting
	bestN := -1
	bestW := ""
	for _, w := range words {
		if !wordish(w) {
			continue
		}
		var lists [][]posting
		n := 0
		for _, t := range ix.termsContaining(w) {
			ps := *ix.postings[t]
			lists = append(lists, ps)
			n += len(ps)
		}
		if bestN < 0 || n < bestN {
			best, bestN, bestW = lists, n, w
		}
	}
	if bestN < 0 || bestN > ix.live/2 {
		return nil, "", false
	}
	if !isASCII(bestW) {
		bestW = ""
	}
	seen := make(map[uint32]struct{}, bestN)
	for _, ps := range best {
		for _, p := range ps {
			if slots[p.slot] == nil {
				continue
			}
			if _, dup := seen[p.slot]; !dup {
				seen[p.slot] = struct{}{}
				out = append(out, slots[p.slot])
			}
		}
	}
	return out, bestW, true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
