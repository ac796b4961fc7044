package query

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

// Discussion page sizes.
const (
	DefaultDiscussions = 20
	MaxDiscussions     = 100
)

// textPage is how many cables of the text pass one ListCables call lists;
// the pass reads every page, so that no sentence naming the topic is left
// out however common the word (stores answer through DiscussionsSource
// with an index instead).
const textPage = 5000

// textBatch is how many cables one Interactions call of the text pass asks
// about.
const textBatch = 500

// Discussions answers "who discussed TOPIC with whom". An interaction
// matches when its topics (or its cable's tags) include one of the topic's
// codes or words, or, failing that, when its evidence sentence contains a
// topic word as a whole word (case-insensitive): the extractor's topic list
// is incomplete, the sentence is the proof. Matches are grouped by
// unordered pair and ranked by Score (sum of kind weight × confidence),
// then Count, then A and B.
//
// A Reader that is an AnswerMemo keeps the answer until its next write;
// callers share the inner slices (Cables, Evidence, dates) and only read
// them.
func (s *Service) Discussions(ctx context.Context, q graph.DiscussionQuery) ([]graph.Discussion, error) {
	memo, ok := ReaderAs[AnswerMemo](s.r)
	if !ok {
		return s.discussions(ctx, q)
	}
	v, err := memo.RememberAnswer(ctx, newDiscussionsKey(q), func(ctx context.Context) (any, int, error) {
		ds, err := s.discussions(ctx, q)
		weight := 0
		for _, d := range ds {
			weight += 1 + len(d.Cables) + len(d.Evidence)
		}
		return ds, weight, err
	})
	if err != nil {
		return nil, err
	}
	ds, ok := v.([]graph.Discussion)
	if !ok {
		return nil, fmt.Errorf("discussions of %q: remembered a %T", q.Topic, v)
	}
	return slices.Clone(ds), nil
}

// AnswerMemo is a Reader that remembers answers until its next write: an
// embedded store serving a read-only graph is asked the same questions
// again and again, and recomputing one (thousands of sentences ranked,
// megabytes allocated) costs more than the answer is worth keeping.
type AnswerMemo interface {
	// RememberAnswer returns the answer remembered under key or, when
	// there is none, compute's. key is comparable and names the question
	// completely; compute also says how many items (discussions, cables,
	// sentences) its answer holds, which bounds what is remembered; an
	// error is returned and not remembered; no answer computed before a
	// write is returned after it.
	RememberAnswer(ctx context.Context, key any, compute func(context.Context) (answer any, weight int, err error)) (any, error)
}

// discussionsKey names a discussions question for an AnswerMemo: the
// query with its window as instants (a *time.Time is not comparable by
// value).
type discussionsKey struct {
	topic        string
	since, until instant
	coMentions   bool
	first        int
}

// instant is a comparable point in time, set false for none.
type instant struct {
	set  bool
	sec  int64
	nsec int
}

func newDiscussionsKey(q graph.DiscussionQuery) discussionsKey {
	at := func(t *time.Time) instant {
		if t == nil {
			return instant{}
		}
		return instant{set: true, sec: t.Unix(), nsec: t.Nanosecond()}
	}
	return discussionsKey{topic: q.Topic, since: at(q.Since), until: at(q.Until), coMentions: q.IncludeCoMentions, first: q.First}
}

// discussions computes the answer to q.
func (s *Service) discussions(ctx context.Context, q graph.DiscussionQuery) ([]graph.Discussion, error) {
	first, err := withDefault("first", q.First, DefaultDiscussions, MaxDiscussions)
	if err != nil {
		return nil, err
	}
	if err := checkWindow(q.Since, q.Until); err != nil {
		return nil, err
	}
	codes, words, err := s.Topic(ctx, q.Topic)
	if err != nil {
		return nil, err
	}
	base := graph.InteractionFilter{Since: q.Since, Until: q.Until, IncludeCoMentions: q.IncludeCoMentions}
	if q.IncludeCoMentions {
		base.Kinds = allKinds()
	}
	if ins, ok, err := s.pushedDiscussionReads(ctx, base, codes, words, first); ok || err != nil {
		if err != nil {
			return nil, fmt.Errorf("discussions of %q: %w", q.Topic, err)
		}
		return groupPairs(ins, first), nil
	}
	f := base
	f.Topics = append(append([]string{}, codes...), words...)
	ins, err := s.r.Interactions(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("discussions of %q: %w", q.Topic, err)
	}
	seen := make(map[interactionID]bool, len(ins))
	for _, in := range ins {
		seen[identity(in)] = true
	}
	more, err := s.byEvidenceText(ctx, base, words, seen)
	if err != nil {
		return nil, fmt.Errorf("discussions of %q: %w", q.Topic, err)
	}
	if len(more) > 0 {
		// The Reader returns each list in order; only a merge needs sorting.
		ins = append(ins, more...)
		sortInteractions(ins)
	}
	return groupPairs(ins, first), nil
}

// byEvidenceText finds interactions, not already seen, whose evidence
// sentence contains one of the words. It narrows to cables whose text has
// the word (a store index) before reading interactions, batched.
func (s *Service) byEvidenceText(ctx context.Context, base graph.InteractionFilter, words []string, seen map[interactionID]bool) ([]graph.Interaction, error) {
	var out []graph.Interaction
	for _, w := range words {
		for offset := 0; ; offset += textPage {
			page, err := s.r.ListCables(ctx, graph.CableFilter{Text: w, Since: base.Since, Until: base.Until}, graph.OrderIDAsc, graph.Page{Offset: offset, Limit: textPage})
			if err != nil {
				return nil, fmt.Errorf("cables mentioning %q: %w", w, err)
			}
			for start := 0; start < len(page.IDs); start += textBatch {
				end := min(start+textBatch, len(page.IDs))
				f := base
				f.Cables = page.IDs[start:end]
				ins, err := s.r.Interactions(ctx, f)
				if err != nil {
					return nil, fmt.Errorf("interactions in cables mentioning %q: %w", w, err)
				}
				for _, in := range ins {
					id := identity(in)
					if seen[id] || !containsWord(in.Evidence, w) {
						continue
					}
					seen[id] = true
					out = append(out, in)
				}
			}
			if len(page.IDs) < textPage {
				break
			}
		}
	}
	return out, nil
}

// groupPairs folds sorted interactions into the first best-ranked
// discussions. Pairs are aggregated in one slice, found by index (a
// Discussion per pair on the heap was one allocation per pair, thousands
// per question), and ranked by index. Cables and evidence are gathered in
// a second pass, for the pairs on the page only: a topic has thousands of
// sentences, the page a few dozen, and copying them all was most of what a
// question allocated.
func groupPairs(ins []graph.Interaction, first int) []graph.Discussion {
	idx := map[[2]string]int32{}
	var pairs []graph.Discussion  // without cables and evidence
	of := make([]int32, len(ins)) // ins[i]'s pair, -1 for none
	for i, in := range ins {
		k, ok := discussionPair(in)
		if !ok {
			of[i] = -1
			continue
		}
		p, ok := idx[k]
		if !ok {
			p = int32(len(pairs))
			idx[k] = p
			pairs = append(pairs, graph.Discussion{A: k[0], B: k[1]})
		}
		of[i] = p
		d := &pairs[p]
		d.Count++
		d.Score += kindWeight(in.Kind) * confidence(in)
		d.FirstDate = minDate(d.FirstDate, in.Date)
		d.LastDate = maxDate(d.LastDate, in.Date)
	}
	rank := make([]int32, len(pairs))
	for i := range rank {
		rank[i] = int32(i)
	}
	// A total order (pairs are unique), so no stability is needed.
	slices.SortFunc(rank, func(i, j int32) int {
		x, y := &pairs[i], &pairs[j]
		switch {
		case x.Score != y.Score:
			return cmp.Compare(y.Score, x.Score)
		case x.Count != y.Count:
			return cmp.Compare(y.Count, x.Count)
		case x.A != y.A:
			return strings.Compare(x.A, y.A)
		default:
			return strings.Compare(x.B, y.B)
		}
	})
	rank = rank[:min(first, len(rank))]
	out := make([]graph.Discussion, len(rank))
	onPage := make(map[int32]int, len(rank)) // pair -> position in out
	for pos, p := range rank {
		out[pos] = pairs[p]
		onPage[p] = pos
	}
	cableSeen := make([]map[string]bool, len(out))
	for i, in := range ins {
		if of[i] < 0 {
			continue
		}
		pos, ok := onPage[of[i]]
		if !ok {
			continue
		}
		d := &out[pos]
		// ins is sorted by date then cable, so first sight orders cables
		// by date then id.
		seen := cableSeen[pos]
		if seen == nil {
			seen = map[string]bool{}
			cableSeen[pos] = seen
		}
		if !seen[in.Cable] {
			seen[in.Cable] = true
			d.Cables = append(d.Cables, in.Cable)
		}
		d.Evidence = append(d.Evidence, evidenceOf(in))
	}
	return out
}

// discussionPair is the unordered pair of an interaction, keys in order;
// ok is false for one that does not link two persons.
func discussionPair(in graph.Interaction) (k [2]string, ok bool) {
	if in.A == in.B || in.A == "" || in.B == "" {
		return k, false
	}
	return pairOf(in.A, in.B), true
}

// allKinds lists every interaction kind, co-mentions included.
func allKinds() []string {
	return []string{
		graph.InteractionMet, graph.InteractionTold, graph.InteractionDiscussed, graph.InteractionPhoned,
		graph.InteractionWrote, graph.InteractionNegotiated, graph.InteractionCoMentioned,
	}
}

// containsWord reports whether text contains word (case-insensitive) with
// no letter or digit on either side, so that "oil" does not match
// "turmoil".
func containsWord(text, word string) bool {
	if word == "" {
		return false
	}
	if isASCII(text) && isASCII(word) {
		return containsWordASCII(text, word)
	}
	return containsWordLowered(text, word)
}

// containsWordLowered is containsWord of any text: it lower-cases copies
// of both, as Unicode may change a letter's length when it does.
func containsWordLowered(text, word string) bool {
	lt, lw := strings.ToLower(text), strings.ToLower(word)
	for from := 0; from <= len(lt)-len(lw); {
		i := strings.Index(lt[from:], lw)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(lw)
		if !wordRuneBefore(lt, i) && !wordRuneAt(lt, end) {
			return true
		}
		from = i + 1
	}
	return false
}

// containsWordASCII is containsWord of ASCII text and word, where
// lower-casing changes no byte's position: it compares in place instead of
// lower-casing a copy of each sentence.
func containsWordASCII(text, word string) bool {
	first := lowerASCII(word[0])
	for i := 0; i+len(word) <= len(text); i++ {
		if lowerASCII(text[i]) != first {
			continue
		}
		j := 1
		for j < len(word) && lowerASCII(text[i+j]) == lowerASCII(word[j]) {
			j++
		}
		if j == len(word) && !wordRuneBefore(text, i) && !wordRuneAt(text, i+len(word)) {
			return true
		}
	}
	return false
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func wordRuneBefore(s string, i int) bool {
	if i == 0 {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return isWordRune(r)
}

func wordRuneAt(s string, i int) bool {
	if i >= len(s) {
		return false
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return isWordRune(r)
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
