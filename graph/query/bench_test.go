package query_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
)

// synthetic builds cables×perCable interactions among persons people, a
// tenth of them about Kosovo, deterministic from the seed.
func synthetic(cables, perCable, persons int) []*graph.Cable {
	rng := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2005, 1, 1, 0, 0, 0, 0, time.UTC)
	out := make([]*graph.Cable, 0, cables)
	for i := range cables {
		id := fmt.Sprintf("%02dSYNTH%d", 5+i%5, i)
		date := base.AddDate(0, 0, i%1800)
		c := &graph.Cable{ID: id, Created: &date, Subject: "SYNTHETIC " + id, Tags: []string{"PREL"}, Body: "Synthetic body."}
		if i%10 == 0 {
			c.Tags = append(c.Tags, "KV")
		}
		seen := map[string]bool{}
		for j := range perCable {
			a, b := rng.IntN(persons), rng.IntN(persons)
			if a == b {
				b = (b + 1) % persons
			}
			ka, kb := fmt.Sprintf("p%05d|XX", a), fmt.Sprintf("p%05d|XX", b)
			for _, k := range []string{ka, kb} {
				if !seen[k] {
					seen[k] = true
					c.Persons = append(c.Persons, graph.PersonMention{Key: k, Name: "Person " + k[:6], Surname: k[:6], Count: 1})
				}
			}
			in := graph.Interaction{A: ka, B: kb, Kind: graph.InteractionMet, Cable: id, Paragraph: j + 1,
				Evidence: ka + " met " + kb + ".", Date: &date, Confidence: 0.8}
			if i%10 == 0 {
				in.Topics = []string{"KV"}
			}
			c.Interactions = append(c.Interactions, in)
		}
		out = append(out, c)
	}
	return out
}

func benchService(b *testing.B) *query.Service {
	b.Helper()
	return newService(b, synthetic(5000, 10, 5000))
}

func BenchmarkDiscussions(b *testing.B) {
	s := benchService(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		ds, err := s.Discussions(ctx, graph.DiscussionQuery{Topic: "KV", First: 100})
		if err != nil || len(ds) == 0 {
			b.Fatalf("%d discussions, %v", len(ds), err)
		}
	}
}

func BenchmarkConnection(b *testing.B) {
	s := benchService(b)
	ctx := context.Background()
	b.ResetTimer()
	for b.Loop() {
		c, err := s.Connection(ctx, graph.ConnectionQuery{A: "p00001|XX", B: "p04999|XX", MaxHops: 6})
		if err != nil || len(c.Persons) == 0 {
			b.Fatalf("%+v, %v", c, err)
		}
	}
}
