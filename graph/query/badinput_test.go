package query_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
)

// TestBadInput feeds every question hostile text: each must answer or
// fail with a user error (ErrInvalid or ErrNotFound), never panic or fail
// internally.
func TestBadInput(t *testing.T) {
	s := newService(t, fixture())
	ctx := context.Background()
	inputs := []string{"", " ", ":", "Cable:", "Person:", "Tag:\x00", "\x00\xff\xfe", strings.Repeat("Kosovo ", 5000),
		"post:Embassy Moscow", "'; MATCH (n) DETACH DELETE n //", "Кosovo", "%", "*", "(", "KV OR 1=1"}
	userErr := func(err error) bool {
		return err == nil || errors.Is(err, graph.ErrInvalid) || errors.Is(err, graph.ErrNotFound)
	}
	for _, in := range inputs {
		name := in
		if len(name) > 20 {
			name = name[:20]
		}
		t.Run(name, func(t *testing.T) {
			if _, err := s.Discussions(ctx, graph.DiscussionQuery{Topic: in, IncludeCoMentions: true}); !userErr(err) {
				t.Errorf("Discussions: %v", err)
			}
			c, err := s.Connection(ctx, graph.ConnectionQuery{A: in, B: "alpha|XX", SharedCables: true})
			if !userErr(err) {
				t.Errorf("Connection: %v", err)
			}
			if err == nil && len(c.Persons) == 0 && c.Reason == "" {
				t.Errorf("Connection: no chain and no reason")
			}
			if _, err := s.Neighborhood(ctx, in, 0, 0); !userErr(err) {
				t.Errorf("Neighborhood: %v", err)
			}
			if _, err := s.ReferenceChain(ctx, in, in, 0); !userErr(err) {
				t.Errorf("ReferenceChain: %v", err)
			}
			if _, err := s.Timeline(ctx, query.TimelineQuery{Topic: in, Person: in, Country: in, Interval: in}); !userErr(err) {
				t.Errorf("Timeline: %v", err)
			}
			if _, err := s.Counterparts(ctx, in, 0); !userErr(err) {
				t.Errorf("Counterparts: %v", err)
			}
			if _, err := query.DecodeCursor(in); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("DecodeCursor accepted %q", in)
			}
		})
	}
}

// TestTopicWordIsWholeWord checks the evidence-text pass matches whole
// words: a topic "oil" must not claim a sentence about "turmoil".
func TestTopicWordIsWholeWord(t *testing.T) {
	cables := fixture()
	c := cables[3]
	c.Body += " Alpha and Bravo discussed the turmoil. Later Alpha told Bravo about oil."
	c.Interactions = append(c.Interactions,
		inter("alpha|XX", "bravo|XX", graph.InteractionDiscussed, c.ID, 2, "2009-05-01", "Alpha and Bravo discussed the turmoil."),
		inter("alpha|XX", "bravo|XX", graph.InteractionTold, c.ID, 3, "2009-05-01", "Later Alpha told Bravo about OIL."))
	s := newService(t, cables)
	ds, err := s.Discussions(context.Background(), graph.DiscussionQuery{Topic: "oil"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Count != 1 || ds[0].Evidence[0].Paragraph != 3 {
		t.Errorf("oil discussions = %+v; want only the paragraph 3 sentence", ds)
	}
}
