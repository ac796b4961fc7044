package query

import (
	"context"
	"errors"
	"fmt"

	"github.com/cablegraph/cablegraph/graph"
)

// TopicTagsSource is a Reader that answers Topic's two tag look-ups (by
// code, by meaning) in one round trip. Over the Reader a topic typed like
// a code is a Tag call (for a database: a transaction of up to three
// statements) and a TagsByMeaning call (another transaction): at full
// size those round trips were a third of a discussions question's
// latency on Neo4j, for a few hundred tags.
type TopicTagsSource interface {
	// TopicTags returns, when byCode, what Tag(topic) returns (nil, not
	// an error, when there is no such tag), and always what
	// TagsByMeaning(topic) returns.
	TopicTags(ctx context.Context, topic string, byCode bool) (code *graph.Tag, meaning []*graph.Tag, err error)
}

// topicTags is the tag of topic's code (when byCode; nil when there is
// none) and the tags whose meaning contains topic, read in one round trip
// when the Reader can.
func (s *Service) topicTags(ctx context.Context, topic string, byCode bool) (*graph.Tag, []*graph.Tag, error) {
	if src, ok := ReaderAs[TopicTagsSource](s.r); ok {
		t, tags, err := src.TopicTags(ctx, topic, byCode)
		if err != nil {
			return nil, nil, fmt.Errorf("topic %q: tags: %w", topic, err)
		}
		return t, tags, nil
	}
	var code *graph.Tag
	if byCode {
		t, err := s.r.Tag(ctx, topic)
		switch {
		case err == nil:
			code = t
		case !errors.Is(err, graph.ErrNotFound):
			return nil, nil, fmt.Errorf("topic %q: tag lookup: %w", topic, err)
		}
	}
	tags, err := s.r.TagsByMeaning(ctx, topic)
	if err != nil {
		return nil, nil, fmt.Errorf("topic %q: tags by meaning: %w", topic, err)
	}
	return code, tags, nil
}
