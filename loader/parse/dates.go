package parse

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	dtgPattern     = regexp.MustCompile(`\b(\d{2})(\d{2})(\d{2})Z\s+([A-Z]{3})\s+(\d{2}|\d{4})\b`)
	mediaDate      = regexp.MustCompile(`(?i)\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,\s+(\d{1,2})\s+([A-Za-z]+)\s+(\d{4}),\s+(\d{1,2}):(\d{2})`)
	declDate       = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})\b`)
	metaDateLayout = []string{"2006-01-02 15:04:05", "2006-01-02 15:04", "2006-01-02T15:04:05Z07:00", "1/2/2006 15:04", "1/2/2006 15:04:05", "2006-01-02"}
)

// parseMetaDate reads the metadata forms of a date ("2008-01-30 15:43",
// "1/30/2008 15:43") as UTC.
func parseMetaDate(s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	for _, l := range metaDateLayout {
		if t, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			t = t.UTC()
			return &t
		}
	}
	if m := mediaDate.FindStringSubmatch(s); m != nil {
		return mediaTime(m)
	}
	return nil
}

func mediaTime(m []string) *time.Time {
	t, err := time.ParseInLocation("2 January 2006 15:04", m[1]+" "+m[2]+" "+m[3]+" "+m[4]+":"+m[5], time.UTC)
	if err != nil {
		return nil
	}
	return &t
}

// dtgTime converts a date-time group "301543Z JAN 08" to a time.
func dtgTime(m []string) *time.Time {
	year := m[5]
	if len(year) == 2 {
		year = fullYear(year)
	}
	t, err := time.ParseInLocation("02 1504 Jan 2006", m[1]+" "+m[2]+m[3]+" "+m[4]+" "+year, time.UTC) // month names match case-insensitively
	if err != nil {
		return nil
	}
	return &t
}

// fullYear expands a 2-digit year: the cables run from 1966 to 2010, and
// declassification dates reach decades ahead, so 66-99 are 19xx.
func fullYear(yy string) string {
	n, err := strconv.Atoi(yy)
	if err != nil {
		return yy
	}
	if n >= 66 {
		return "19" + yy
	}
	return "20" + yy
}

// normDecl normalises a declassification value: dates become "2018-01-30",
// codes ("X1", "OADR", "1.6X1") are kept upper-cased.
func normDecl(s string) string {
	s = strings.TrimSpace(strings.Trim(strings.TrimSpace(s), ".,;"))
	if s == "" {
		return ""
	}
	if m := declDate.FindStringSubmatch(s); m != nil {
		mo, _ := strconv.Atoi(m[1])
		d, _ := strconv.Atoi(m[2])
		y := m[3]
		if len(y) == 2 {
			// Declassification is always after creation: 2-digit years are 20xx
			// unless that is absurd.
			n, _ := strconv.Atoi(y)
			if n >= 66 && n <= 99 {
				y = "19" + y
			} else {
				y = "20" + y
			}
		}
		if mo >= 1 && mo <= 12 && d >= 1 && d <= 31 {
			return y + "-" + pad2(mo) + "-" + pad2(d)
		}
	}
	f := strings.Fields(strings.ToUpper(s))
	if len(f) > 3 {
		f = f[:3]
	}
	return strings.Join(f, " ")
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}
