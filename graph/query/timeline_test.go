package query_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
)

func TestTimeline(t *testing.T) {
	s := newService(t, fixture())
	type b struct {
		start string
		count int
	}
	tests := []struct {
		name string
		q    query.TimelineQuery
		want []b
	}{
		// KV-tagged: 08MOSCOW235 (Jan 30), 08BELGRADE50 (Mar 5); February is empty but listed.
		{"topic by month", query.TimelineQuery{Topic: "Kosovo"}, []b{{"2008-01-01", 1}, {"2008-02-01", 0}, {"2008-03-01", 1}}},
		{"topic code by year", query.TimelineQuery{Topic: "KV", Interval: "year"}, []b{{"2008-01-01", 2}}},
		// Jan 30 2008 was a Wednesday: its week starts Monday Jan 28.
		{"person by week", query.TimelineQuery{Person: "Lavrov", Interval: "WEEK"},
			[]b{{"2008-01-28", 1}, {"2008-02-04", 1}}},
		{"person by day", query.TimelineQuery{Person: "Jeremic", Interval: "DAY", Topic: "KV"}, nil},
		{"free text topic", query.TimelineQuery{Topic: "room", Interval: "YEAR"}, []b{{"2009-01-01", 1}}},
		// Country is the store's CONCERNS/ORIGINATED_IN (from country
		// mentions): only 08MOSCOW235 mentions Russia; 08MOSCOW300 is merely tagged RS.
		{"country", query.TimelineQuery{Country: "Russia", Interval: "YEAR"}, []b{{"2008-01-01", 1}}},
		{"nothing", query.TimelineQuery{Topic: "fisheries"}, []b{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.Timeline(context.Background(), tt.q)
			if err != nil {
				t.Fatal(err)
			}
			if tt.want == nil { // daily span Jan 30 .. Mar 5: dense, two non-empty days
				total, nonEmpty := 0, 0
				for _, x := range got {
					total += x.Count
					if x.Count > 0 {
						nonEmpty++
					}
				}
				if len(got) != 36 || total != 2 || nonEmpty != 2 {
					t.Errorf("daily: %d buckets, %d cables on %d days; want 36, 2, 2", len(got), total, nonEmpty)
				}
				return
			}
			if len(got) != len(tt.want) {
				t.Fatalf("got %+v, want %+v", got, tt.want)
			}
			for i, w := range tt.want {
				if got[i].Start.Format(time.DateOnly) != w.start || got[i].Count != w.count || got[i].Start.Location() != time.UTC {
					t.Errorf("bucket %d = %s %d, want %s %d", i, got[i].Start, got[i].Count, w.start, w.count)
				}
			}
		})
	}
	if _, err := s.Timeline(context.Background(), query.TimelineQuery{Interval: "FORTNIGHT"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("bad interval: err = %v, want ErrInvalid", err)
	}
	if _, err := s.Timeline(context.Background(), query.TimelineQuery{Person: "Nobody Atall"}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown person: err = %v, want ErrNotFound", err)
	}
}

func TestCounterparts(t *testing.T) {
	s := newService(t, fixture())
	got, err := s.Counterparts(context.Background(), "lavrov|RS", 0)
	if err != nil {
		t.Fatal(err)
	}
	// burns: told + discussed (2); jeremic: met (1); ahtisaari only co-mentioned: left out.
	if len(got) != 2 || got[0].Person != "burns|US" || got[0].Count != 2 || got[1].Person != "jeremic|RB" || got[1].Count != 1 {
		t.Fatalf("counterparts = %+v", got)
	}
	if len(got[0].Kinds) != 2 || got[0].Kinds[0] != "discussed" || got[0].Kinds[1] != "told" {
		t.Errorf("kinds = %v, want [discussed told]", got[0].Kinds)
	}
	if got[1].FirstDate == nil || got[1].FirstDate.Format(time.DateOnly) != "2008-01-30" {
		t.Errorf("jeremic first date = %v", got[1].FirstDate)
	}
	one, err := s.Counterparts(context.Background(), "Lavrov", 1)
	if err != nil || len(one) != 1 || one[0].Person != "burns|US" {
		t.Errorf("limit 1 = %+v, %v", one, err)
	}
	if _, err := s.Counterparts(context.Background(), "Nobody Atall", 0); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("unknown: err = %v", err)
	}
}

func TestCursor(t *testing.T) {
	for _, n := range []int{0, 1, 99, 1 << 30} {
		got, err := query.DecodeCursor(query.EncodeCursor(n))
		if err != nil || got != n {
			t.Errorf("round trip %d = %d, %v", n, got, err)
		}
	}
	for _, bad := range []string{"", "!!!", "Y3Vyc29yOi0x" /* cursor:-1 */, "Y3Vyc29yOng=" /* cursor:x */, "aGVsbG8=" /* hello */} {
		if _, err := query.DecodeCursor(bad); !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("DecodeCursor(%q) err = %v, want ErrInvalid", bad, err)
		}
	}
}

func TestClampPage(t *testing.T) {
	ptr := func(n int) *int { return &n }
	tests := []struct {
		first   *int
		want    int
		wantErr bool
	}{{nil, 20, false}, {ptr(0), 0, false}, {ptr(50), 50, false}, {ptr(100), 100, false}, {ptr(101), 0, true}, {ptr(-1), 0, true}}
	for _, tt := range tests {
		got, err := query.ClampPage(tt.first, 20, 100)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ClampPage(%v) = %d, %v", tt.first, got, err)
		}
		if err != nil && !errors.Is(err, graph.ErrInvalid) {
			t.Errorf("error %v does not wrap ErrInvalid", err)
		}
	}
}
