package scalars

import (
	"strings"
	"testing"
	"time"
)

func TestDateRoundTrip(t *testing.T) {
	cases := []struct {
		in      any
		want    string
		wantErr bool
	}{
		{"2008-01-30", `"2008-01-30"`, false},
		{"2008-01-30T23:30:00-05:00", `"2008-01-31"`, false}, // UTC
		{" 2008-01-30 ", `"2008-01-30"`, false},
		{"30 JAN 08", "", true},
		{20080130, "", true},
	}
	for _, c := range cases {
		got, err := UnmarshalDate(c.in)
		if (err != nil) != c.wantErr {
			t.Errorf("UnmarshalDate(%v) err = %v", c.in, err)
			continue
		}
		if err != nil {
			continue
		}
		var b strings.Builder
		MarshalDate(got).MarshalGQL(&b)
		if b.String() != c.want {
			t.Errorf("Date %v -> %s, want %s", c.in, b.String(), c.want)
		}
	}
}

func TestDateTimeIsUTC(t *testing.T) {
	tz := time.FixedZone("MSK", 3*3600)
	var b strings.Builder
	MarshalDateTime(time.Date(2008, 1, 30, 18, 43, 0, 0, tz)).MarshalGQL(&b)
	if b.String() != `"2008-01-30T15:43:00Z"` {
		t.Errorf("DateTime = %s", b.String())
	}
	if _, err := UnmarshalDateTime("yesterday"); err == nil {
		t.Error("UnmarshalDateTime accepted garbage")
	}
}

func TestStringMapSortedAndEscaped(t *testing.T) {
	var b strings.Builder
	MarshalStringMap(map[string]string{"b": "2", "a": `say "hi"`}).MarshalGQL(&b)
	if b.String() != `{"a":"say \"hi\"","b":"2"}` {
		t.Errorf("StringMap = %s", b.String())
	}
	if _, err := UnmarshalStringMap(map[string]any{"a": 1}); err == nil {
		t.Error("non-string value accepted")
	}
}
