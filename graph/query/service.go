package query

import (
	"github.com/cablegraph/cablegraph/graph"
)

// TopicResolver maps free text to country codes using the built-in tables
// (the extractor provides one). It lets a topic such as "Burma" resolve even
// when no loaded cable names the country that way.
type TopicResolver interface {
	CountryByName(nameOrCode string) (code, name string, ok bool)
}

// Service answers relationship questions from a graph.Reader. It holds no
// mutable state and is safe for concurrent use.
type Service struct {
	r      graph.Reader
	topics TopicResolver // may be nil
}

// New returns a Service over r. topics may be nil.
func New(r graph.Reader, topics TopicResolver) *Service {
	return &Service{r: r, topics: topics}
}
