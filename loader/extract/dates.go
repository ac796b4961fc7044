package extract

import (
	"strconv"
	"strings"
	"time"
)

var monthNames = map[string]time.Month{
	"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
	"september": 9, "october": 10, "november": 11, "december": 12,
	"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}

// date returns the date a sentence gives ("on January 24", "24 January"),
// placed in the year of the cable (the year before when that would be
// after the cable), else the cable's created date.
func (r *run) date(s *sent) *time.Time {
	created := r.c.Created
	if created == nil {
		return nil
	}
	if s.date != nil {
		d := *s.date
		return &d
	}
	d := r.sentenceDate(s.toks, created)
	s.date = d
	c := *d
	return &c
}

func (r *run) sentenceDate(toks []token, created *time.Time) *time.Time {
	for i, t := range toks {
		m, ok := monthNames[strings.TrimSuffix(t.lower, ".")]
		if !ok || !t.cap {
			continue
		}
		day := 0
		if i+1 < len(toks) {
			day, _ = strconv.Atoi(toks[i+1].text)
		}
		if day == 0 && i > 0 {
			day, _ = strconv.Atoi(toks[i-1].text)
		}
		if day < 1 || day > 31 {
			continue
		}
		d := time.Date(created.Year(), m, day, 0, 0, 0, 0, time.UTC)
		if d.After(created.AddDate(0, 0, 7)) {
			d = d.AddDate(-1, 0, 0)
		}
		return &d
	}
	c := *created
	return &c
}
