package extract

import (
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// sent is one sentence of a paragraph with its tokens and what was
// recognised in them.
type sent struct {
	para      int
	idx       int // index of the sentence within its paragraph
	text      string
	src       string // the text the tokens were cut from (white space normalised)
	lsrc      string // src in lower case when byte offsets stay the same (ASCII), else ""
	toks      []token
	mark      []byte
	placeAt   map[int]string // token index -> country code of a place starting there
	titleAt   map[int]string // token index -> role of a title starting there
	countries []string       // country codes mentioned, in order
	pers      []span         // person mentions, in order
	date      *time.Time     // memo of the date the sentence gives
	topics    []string       // memo of the interaction topics
}

// span is a mention of a person (or of the post) in a sentence.
type span struct {
	start, end int    // token indexes [start, end)
	key        string // surname key within the cable; "" for the post
	word       string // for the post: the word ("ambassador", "us")
}

// run is the state of one Extract call. Nothing in it outlives the call.
type run struct {
	e            *Extractor
	c            *graph.Cable
	caps         bool
	originCC     string
	sents        []*sent
	cc           map[string]int
	orgc         map[string]*graph.OrgMention
	ps           map[string]*pstate
	order        []string
	final        map[string]string // surname key -> person key
	nk           map[string]string // NameKey memo
	forms        map[string]string // lower-case surname form -> surname key
	interactions []graph.Interaction
}

func (e *Extractor) newRun(c *graph.Cable) *run {
	r := &run{e: e, c: c, cc: map[string]int{}, orgc: map[string]*graph.OrgMention{}, ps: map[string]*pstate{}, nk: map[string]string{}}
	r.originCC, _ = e.t.PostCountry(c.Origin)
	paras := c.Paragraphs
	if len(paras) == 0 && strings.TrimSpace(c.Body) != "" {
		paras = []graph.Paragraph{{Number: 0, Text: c.Body}}
	}
	// One token array, one mark array and one sentence array for the whole
	// cable: a sentence's slices are capped views of them, so that growing
	// the arrays never changes a sentence already cut.
	type piece struct {
		para, idx      int
		text, src, low string
	}
	var pieces []piece
	size, lower, upper := 0, 0, 0
	for _, p := range paras {
		norm, lnorm, l, u := normLower(p.Text)
		lower, upper = lower+l, upper+u
		text := stripParaHead(norm)
		var ltext string
		if lnorm != "" {
			ltext = lnorm[len(norm)-len(text):] // stripParaHead cuts a prefix
		}
		size += len(text)
		for i, sp := range sentenceSpans(text) {
			pc := piece{para: p.Number, idx: i, text: text[sp[0]:sp[1]]}
			pc.src = pc.text
			if ltext != "" {
				pc.low = ltext[sp[0]:sp[1]]
			}
			pieces = append(pieces, pc)
		}
	}
	r.caps = upper > 20 && lower*50 < upper
	if c.Subject != "" {
		// The subject line counts countries and organizations but is not a
		// paragraph: it gets number -1 and never yields interactions.
		src := normSpace(c.Subject)
		low, _ := asciiLower(src)
		size += len(src)
		pieces = append(pieces, piece{para: -1, text: c.Subject, src: src, low: low})
	}
	toks := make([]token, 0, size/5+8)
	sents := make([]sent, len(pieces))
	r.sents = make([]*sent, len(pieces))
	for k, pc := range pieces {
		from := len(toks)
		toks = appendTokens(toks, pc.src, pc.low)
		st := &sents[k]
		*st = sent{para: pc.para, idx: pc.idx, text: pc.text, src: pc.src, lsrc: pc.low, toks: toks[from:len(toks):len(toks)]}
		r.sents[k] = st
	}
	marks := make([]byte, len(toks))
	n := 0
	for k := range sents {
		m := len(sents[k].toks)
		sents[k].mark = marks[n : n+m : n+m]
		n += m
	}
	return r
}
