package query

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// Timeline intervals.
const (
	IntervalDay   = "DAY"
	IntervalWeek  = "WEEK"
	IntervalMonth = "MONTH"
	IntervalYear  = "YEAR"
)

// maxBuckets refuses timelines too fine for their span (daily buckets over
// decades): the client asked for something no chart can show.
const maxBuckets = 20000

// maxTopicCables bounds the union of cables when a topic has several codes.
const maxTopicCables = 1 << 20

// TimelineQuery selects the cables to count. Zero fields do not filter.
type TimelineQuery struct {
	Topic, Person, Country string
	Interval               string // DAY, WEEK, MONTH (default), YEAR
}

// Timeline counts matching cables per period (UTC; weeks start on Monday),
// from the first to the last period with a cable, empty periods included so
// a chart's x axis is honest. The topic matches a cable tagged with any of
// its codes (a country topic thus counts the cables tagged with that
// country); a topic with no code matches cables whose subject or body
// contains its words. Tags, not text, when there are codes: the tag is the
// drafter's own statement of what the cable is about, while a word in the
// text may be a passing mention. Person and Country narrow further (AND).
func (s *Service) Timeline(ctx context.Context, q TimelineQuery) ([]graph.Bucket, error) {
	interval := strings.ToUpper(strings.TrimSpace(q.Interval))
	if interval == "" {
		interval = IntervalMonth
	}
	switch interval {
	case IntervalDay, IntervalWeek, IntervalMonth, IntervalYear:
	default:
		return nil, fmt.Errorf("interval must be DAY, WEEK, MONTH or YEAR, got %q: %w", q.Interval, graph.ErrInvalid)
	}
	f := graph.CableFilter{}
	if strings.TrimSpace(q.Person) != "" {
		p, _, err := s.ResolvePerson(ctx, q.Person)
		if err != nil {
			return nil, err
		}
		f.Person = p.Key
	}
	if strings.TrimSpace(q.Country) != "" {
		code, _, err := s.country(ctx, strings.TrimSpace(q.Country))
		if err != nil {
			return nil, err
		}
		if code == "" {
			return nil, fmt.Errorf("country %q: %w", q.Country, graph.ErrNotFound)
		}
		f.Country = code
	}
	dates, err := s.timelineDates(ctx, q.Topic, f)
	if err != nil {
		return nil, err
	}
	return bucketize(dates, interval)
}

func (s *Service) timelineDates(ctx context.Context, topic string, f graph.CableFilter) ([]time.Time, error) {
	if strings.TrimSpace(topic) == "" {
		return s.cableDates(ctx, f)
	}
	codes, words, err := s.Topic(ctx, topic)
	if err != nil {
		return nil, err
	}
	switch len(codes) {
	case 0:
		f.Text = strings.Join(words, " ")
		return s.cableDates(ctx, f)
	case 1:
		f.Tags = codes
		return s.cableDates(ctx, f)
	}
	// Several codes: OR them by collecting ids, so a cable tagged with two
	// of them is counted once.
	set := map[string]bool{}
	var ids []string
	for _, code := range codes {
		g := f
		g.Tags = []string{code}
		page, err := s.r.ListCables(ctx, g, graph.OrderIDAsc, graph.Page{Limit: maxTopicCables})
		if err != nil {
			return nil, fmt.Errorf("timeline cables tagged %s: %w", code, err)
		}
		for _, id := range page.IDs {
			if !set[id] {
				set[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil, nil
	}
	return s.cableDates(ctx, graph.CableFilter{IDs: ids})
}

func (s *Service) cableDates(ctx context.Context, f graph.CableFilter) ([]time.Time, error) {
	ds, err := s.r.CableDates(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("timeline dates: %w", err)
	}
	return ds, nil
}

// bucketize counts dates per period, dense from first to last.
func bucketize(dates []time.Time, interval string) ([]graph.Bucket, error) {
	out := []graph.Bucket{}
	if len(dates) == 0 {
		return out, nil
	}
	first, last := dates[0].UTC(), dates[0].UTC()
	for _, d := range dates {
		d = d.UTC()
		if d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	start, end := periodStart(first, interval), periodStart(last, interval)
	index := map[time.Time]int{}
	for p := start; !p.After(end); p = nextPeriod(p, interval) {
		if len(out) == maxBuckets {
			return nil, fmt.Errorf("timeline would have more than %d %s periods; use a longer interval: %w", maxBuckets, strings.ToLower(interval), graph.ErrInvalid)
		}
		index[p] = len(out)
		out = append(out, graph.Bucket{Start: p})
	}
	for _, d := range dates {
		out[index[periodStart(d.UTC(), interval)]].Count++
	}
	return out, nil
}

func periodStart(t time.Time, interval string) time.Time {
	y, m, d := t.Date()
	switch interval {
	case IntervalDay:
		return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	case IntervalWeek:
		back := (int(t.Weekday()) + 6) % 7 // days since Monday
		return time.Date(y, m, d-back, 0, 0, 0, 0, time.UTC)
	case IntervalYear:
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	default:
		return time.Date(y, m, 1, 0, 0, 0, 0, time.UTC)
	}
}

func nextPeriod(t time.Time, interval string) time.Time {
	switch interval {
	case IntervalDay:
		return t.AddDate(0, 0, 1)
	case IntervalWeek:
		return t.AddDate(0, 0, 7)
	case IntervalYear:
		return t.AddDate(1, 0, 0)
	default:
		return t.AddDate(0, 1, 0)
	}
}
