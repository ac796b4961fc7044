package resolvers

import (
	"strings"
	"unicode"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/generated"
)

// maxSnippets bounds the snippets of one search hit: enough to judge
// relevance, few enough to keep a page of hits small.
const maxSnippets = 3

// queryWords splits a search query into lower-case words.
func queryWords(q string) []string {
	var out []string
	for _, w := range strings.FieldsFunc(strings.ToLower(q), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if len(w) > 1 {
			out = append(out, w)
		}
	}
	return out
}

// snippets returns the sentences of the subject and paragraphs that
// contain query words, with match ranges as code point offsets. Offsets,
// not markup, so that a front end cannot be tricked into rendering cable
// text as HTML.
func snippets(c *graph.Cable, words []string, limit int) []*generated.Snippet {
	out := []*generated.Snippet{}
	add := func(par int, text string) bool {
		for _, s := range sentences(text) {
			if len(out) == limit {
				return false
			}
			if hs := highlights(s, words); len(hs) > 0 {
				out = append(out, &generated.Snippet{Paragraph: par, Text: s, Highlights: hs})
			}
		}
		return true
	}
	if !add(0, c.Subject) {
		return out
	}
	if len(c.Paragraphs) == 0 {
		add(0, c.Body)
		return out
	}
	for _, p := range c.Paragraphs {
		if !add(p.Number, p.Text) {
			break
		}
	}
	return out
}

// sentences splits text at ". ", "? ", "! " and blank space runs.
func sentences(text string) []string {
	text = strings.Join(strings.Fields(text), " ")
	var out []string
	start := 0
	for i := 0; i < len(text); i++ {
		if (text[i] == '.' || text[i] == '?' || text[i] == '!') && i+1 < len(text) && text[i+1] == ' ' {
			out = append(out, text[start:i+1])
			start = i + 2
		}
	}
	if start < len(text) {
		out = append(out, text[start:])
	}
	return out
}

// highlights finds whole-word, case-insensitive occurrences of the words.
func highlights(s string, words []string) []*generated.Range {
	rs := []rune(s)
	lower := []rune(strings.ToLower(s))
	if len(lower) != len(rs) {
		lower = rs // lower-casing changed the length: match as written
	}
	var out []*generated.Range
	for i := 0; i < len(lower); i++ {
		if i > 0 && isWord(lower[i-1]) {
			continue
		}
		for _, w := range words {
			wr := []rune(w)
			end := i + len(wr)
			if end <= len(lower) && string(lower[i:end]) == w && (end == len(lower) || !isWord(lower[end])) {
				out = append(out, &generated.Range{Start: i, End: end})
				i = end - 1
				break
			}
		}
	}
	return out
}

func isWord(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
