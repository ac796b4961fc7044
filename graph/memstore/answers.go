package memstore

import (
	"context"
	"sync"
)

// maxAnswers bounds an answerMemo: past this many answers it starts
// afresh. An answer is a page (at most a hundred discussions), so the
// memo holds tens of MB at worst, while questions that vary without end
// (every window a client can type) cannot grow it without bound.
const maxAnswers = 1024

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
}

// clear drops every answer; writers call it under s.mu.Lock.
func (m *answerMemo) clear() {
	m.mu.Lock()
	m.gen++
	m.answers = nil
	m.mu.Unlock()
}

// RememberAnswer returns the answer remembered under key or, when there
// is none, compute's, which it remembers until the next write unless
// compute fails or a write happens meanwhile. key must be comparable and
// name the question completely; answers are shared between callers, who
// only read them. compute runs without the store's locks (it reads the
// store like any caller), so concurrent askers of a new key may each
// compute it.
func (s *Store) RememberAnswer(ctx context.Context, key any, compute func(context.Context) (any, error)) (any, error) {
	m := &s.answers
	m.mu.Lock()
	if v, ok := m.answers[key]; ok {
		m.mu.Unlock()
		return v, nil
	}
	gen := m.gen
	m.mu.Unlock()
	v, err := compute(ctx)
	if err != nil {
		return nil, err
	}
	m.mu.Lock()
	if m.gen == gen {
		if m.answers == nil || len(m.answers) >= maxAnswers {
			m.answers = map[any]any{}
		}
		m.answers[key] = v
	}
	m.mu.Unlock()
	return v, nil
}
