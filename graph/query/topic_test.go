package query_test

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestTopic(t *testing.T) {
	s := newService(t, fixture())
	tests := []struct {
		topic        string
		codes, words []string
	}{
		{"KV", []string{"KV"}, []string{"Kosovo"}},
		{"Kosovo", []string{"KV"}, []string{"Kosovo"}},
		{"  kosovo ", []string{"KV"}, []string{"Kosovo"}},
		{"PREL", []string{"PREL"}, nil},
		{"energy", nil, []string{"energy"}},
		{"External Political Relations", []string{"PREL"}, []string{"External Political Relations"}},
	}
	for _, tt := range tests {
		t.Run(tt.topic, func(t *testing.T) {
			codes, words, err := s.Topic(context.Background(), tt.topic)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(codes, tt.codes) || !reflect.DeepEqual(words, tt.words) {
				t.Errorf("Topic(%q) = %q, %q; want %q, %q", tt.topic, codes, words, tt.codes, tt.words)
			}
		})
	}
	if _, _, err := s.Topic(context.Background(), "   "); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("empty topic: err = %v, want ErrInvalid", err)
	}
}

func TestResolvePerson(t *testing.T) {
	s := newService(t, fixture())
	tests := []struct {
		name, want string
		wantErr    error
	}{
		{"lavrov|RS", "lavrov|RS", nil},
		{"Lavrov", "lavrov|RS", nil},
		{"Sergey Lavrov", "lavrov|RS", nil},
		{"Sergei Lavrov", "lavrov|RS", nil}, // transliteration variant
		{"LAVROV", "lavrov|RS", nil},
		{"Nobody Atall", "", graph.ErrNotFound},
		{"", "", graph.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, _, err := s.ResolvePerson(context.Background(), tt.name)
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if p.Key != tt.want {
				t.Errorf("ResolvePerson(%q) = %s, want %s", tt.name, p.Key, tt.want)
			}
		})
	}
}

func TestResolvePersonAmbiguousSurname(t *testing.T) {
	cables := fixture()
	// A second Lavrov in one cable only: the Foreign Minister (two cables)
	// must win and the other be offered as an alternative.
	other := person("lavrov|UA", "Ivan Lavrov", "UA")
	cables[2].Persons = append(cables[2].Persons, other)
	s := newService(t, cables)
	p, alts, err := s.ResolvePerson(context.Background(), "Lavrov")
	if err != nil {
		t.Fatal(err)
	}
	if p.Key != "lavrov|RS" || len(alts) != 1 || alts[0].Key != "lavrov|UA" {
		var keys []string
		for _, a := range alts {
			keys = append(keys, a.Key)
		}
		t.Errorf("got %s with alternatives %v; want lavrov|RS with [lavrov|UA]", p.Key, keys)
	}
}
