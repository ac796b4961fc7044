package query_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestConnection(t *testing.T) {
	s := newService(t, fixture())
	tests := []struct {
		name   string
		q      graph.ConnectionQuery
		want   []string
		kinds  []string
		reason string
	}{
		{"three hops", graph.ConnectionQuery{A: "alpha|XX", B: "Dora Delta"},
			[]string{"alpha|XX", "bravo|XX", "charlie|XX", "delta|XX"}, []string{"met", "met", "met"}, ""},
		{"reverse", graph.ConnectionQuery{A: "Delta", B: "Alpha"},
			[]string{"delta|XX", "charlie|XX", "bravo|XX", "alpha|XX"}, []string{"met", "met", "met"}, ""},
		{"beyond max hops", graph.ConnectionQuery{A: "alpha|XX", B: "delta|XX", MaxHops: 2},
			nil, nil, "no chain within 2 hops"},
		{"date window cuts the middle hop", graph.ConnectionQuery{A: "alpha|XX", B: "delta|XX", Until: day("2009-06-15"), Since: day("2009-01-01")},
			nil, nil, "no chain within 4 hops"},
		{"echo only shares a cable", graph.ConnectionQuery{A: "alpha|XX", B: "echo|XX"},
			nil, nil, "no chain within 4 hops"},
		{"shared cables link echo", graph.ConnectionQuery{A: "alpha|XX", B: "echo|XX", SharedCables: true},
			[]string{"alpha|XX", "bravo|XX", "charlie|XX", "delta|XX", "echo|XX"}, []string{"met", "met", "met", "sharedCable"}, ""},
		{"unknown", graph.ConnectionQuery{A: "alpha|XX", B: "Zed Nobody"}, nil, nil, `unknown person "Zed Nobody"`},
		{"jeremic to burns via lavrov", graph.ConnectionQuery{A: "Jeremic", B: "Burns"},
			[]string{"jeremic|RB", "lavrov|RS", "burns|US"}, []string{"met", "told"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := s.Connection(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if len(tt.want) == 0 {
				if len(c.Persons) != 0 || c.Reason != tt.reason {
					t.Errorf("got %v reason %q, want none with reason %q", c.Persons, c.Reason, tt.reason)
				}
				return
			}
			if !reflect.DeepEqual(c.Persons, tt.want) {
				t.Fatalf("persons = %v, want %v (reason %q)", c.Persons, tt.want, c.Reason)
			}
			if len(c.Hops) != len(tt.kinds) {
				t.Fatalf("hops = %+v", c.Hops)
			}
			for i, h := range c.Hops {
				if h.From != tt.want[i] || h.To != tt.want[i+1] || h.Kind != tt.kinds[i] || len(h.Evidence) == 0 {
					t.Errorf("hop %d = %+v, want %s->%s %s with evidence", i, h, tt.want[i], tt.want[i+1], tt.kinds[i])
				}
				if h.Kind == "met" && !strings.Contains(h.Evidence[0].Sentence, "met") {
					t.Errorf("hop %d evidence %q does not prove a meeting", i, h.Evidence[0].Sentence)
				}
			}
		})
	}
}

// TestConnectionLexicographicTie builds a diamond a-{m1,m2}-b: both chains
// are shortest and the one through the smaller key must be chosen, from
// either end.
func TestConnectionLexicographicTie(t *testing.T) {
	ps := []graph.PersonMention{person("a|X", "Al A", ""), person("m2|X", "Mo Mtwo", ""), person("m1|X", "Mi Mone", ""), person("b|X", "Bo B", "")}
	mk := func(id, x, y string) *graph.Cable {
		return &graph.Cable{ID: id, Created: day("2009-01-01"), Persons: []graph.PersonMention{ps[0], ps[1], ps[2], ps[3]},
			Interactions: []graph.Interaction{inter(x, y, graph.InteractionMet, id, 1, "2009-01-01", x+" met "+y)}}
	}
	s := newService(t, []*graph.Cable{mk("09X1", "a|X", "m2|X"), mk("09X2", "m2|X", "b|X"), mk("09X3", "a|X", "m1|X"), mk("09X4", "m1|X", "b|X")})
	for _, q := range []graph.ConnectionQuery{{A: "a|X", B: "b|X"}, {A: "b|X", B: "a|X"}} {
		c, err := s.Connection(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Persons) != 3 || c.Persons[1] != "m1|X" {
			t.Errorf("%s->%s: %v, want the chain through m1|X", q.A, q.B, c.Persons)
		}
	}
}

func TestConnectionInvalid(t *testing.T) {
	s := newService(t, fixture())
	for _, q := range []graph.ConnectionQuery{{A: "alpha|XX", B: "delta|XX", MaxHops: 7}, {A: "alpha|XX", B: "delta|XX", MaxHops: -1}} {
		if _, err := s.Connection(context.Background(), q); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("maxHops %d: err = %v, want ErrInvalid", q.MaxHops, err)
		}
	}
}
