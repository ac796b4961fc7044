package memstore

import (
	"context"
	"sync"
)

// maxAnswerWeight bounds an answerMemo by the items its answers hold
// (as compute weighs them: a discussion, a cable id, a sentence): past it
// the memo starts afresh, and an answer heavier than it is not kept.
// Questions vary without end (every window a client can type), so a bound
// by count alone would let a page of a hundred busy pairs each take
// megabytes; a million items are tens of MB, their strings shared with
// the store.
const maxAnswerWeight = 1 << 20

// answerMemo remembers whole answers to relationship questions
// (graph/query.AnswerMemo) until the next write. At the full release's
// size a discussions question recomputed from the cached lists still
// ranks thousands of sentences and allocates megabytes; under concurrent
// clients that garbage brings collections of a ~7.5 GB heap of pointers,
// whose marking is the tail of the latency. The store is read-only while
// it serves, and the same questions come again and again, so a repeat
// costs a map lookup and allocates nothing.
//
// A write clears the memo and moves its generation on; an answer computed
// while a write happened is returned but not remembered, so no answer
// older than the last write is ever served from the memo.
type answerMemo struct {
	mu      sync.Mutex
	gen     uint64
	answers map[any]any
	weight  int // the answers' items
}

// clear drops every answer; writers call it under s.mu.Lock.
func (m *answerMemo) clear() {
	m.mu.Lock()
	m.gen++
	m.answers, m.weight = nil, 0
	m.mu.Unlock()
}

// RememberAnswer returns the answer remembered under key or, when there
// is none, compute's, which it remembers until the next write unless
// compute fails, a write happens meanwhile or the answer weighs more than
// the memo holds. key must be comparable and name the question
// completely; answers are shared between callers, who only read them.
// compute runs without the store's locks (it reads the store like any
// caller), so concurrent askers of a new key may each compute it.
func (s *Store) RememberAnswer(ctx context.Context, key any, compute func(context.Context) (answer any, weight int, err error)) (any, error) {
	m := &s.answers
	m.mu.Lock()
	if v, ok := m.answers[key]; ok {
		m.mu.Unlock()
		return v, nil
	}
	gen := m.gen
	m.mu.Unlock()
	v, weight, err := compute(ctx)
	if err != nil {
		return nil, err
	}
	weight = max(weight, 1)
	m.mu.Lock()
	if m.gen == gen && weight <= maxAnswerWeight {
		if m.answers == nil || m.weight+weight > maxAnswerWeight {
			m.answers, m.weight = map[any]any{}, 0
		}
		if _, ok := m.answers[key]; !ok {
			m.answers[key] = v
			m.weight += weight
		}
	}
	m.mu.Unlock()
	return v, nil
}
