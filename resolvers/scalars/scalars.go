// Package scalars holds the GraphQL custom scalars of the cablegraph schema.
// It is a separate package because gqlgen's generated code must import the
// marshallers while the resolvers import the generated code; keeping them
// here avoids an import cycle and lets the formats be tested on their own.
//
// Every instant is written in UTC so that answers from both stores compare
// byte for byte, whatever the server's time zone.
package scalars

import (
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/99designs/gqlgen/graphql"
)

// dateLayout is the format of the Date scalar.
const dateLayout = "2006-01-02"

// MarshalDate writes a calendar date, YYYY-MM-DD in UTC.
func MarshalDate(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(dateLayout)))
	})
}

// UnmarshalDate reads YYYY-MM-DD (or a full RFC 3339 instant, for
// convenience) as a UTC date.
func UnmarshalDate(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("a Date must be a string like 2008-01-30, got %T", v)
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(dateLayout, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("date %q is not YYYY-MM-DD", s)
}

// MarshalDateTime writes an RFC 3339 instant in UTC.
func MarshalDateTime(t time.Time) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		_, _ = io.WriteString(w, strconv.Quote(t.UTC().Format(time.RFC3339)))
	})
}

// UnmarshalDateTime reads an RFC 3339 instant (or a bare date) as UTC.
func UnmarshalDateTime(v any) (time.Time, error) {
	s, ok := v.(string)
	if !ok {
		return time.Time{}, fmt.Errorf("a DateTime must be an RFC 3339 string, got %T", v)
	}
	s = strings.TrimSpace(s)
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t.UTC(), nil
	}
	if t, err := time.Parse(dateLayout, s); err == nil {
		return t.UTC(), nil
	}
	return time.Time{}, fmt.Errorf("date-time %q is not RFC 3339 (2008-01-30T15:43:00Z)", s)
}

// MarshalStringMap writes a flat JSON object with keys sorted, so that
// answers are deterministic.
func MarshalStringMap(m map[string]string) graphql.Marshaler {
	return graphql.WriterFunc(func(w io.Writer) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		_, _ = io.WriteString(w, "{")
		for i, k := range keys {
			if i > 0 {
				_, _ = io.WriteString(w, ",")
			}
			kb, _ := json.Marshal(k)
			vb, _ := json.Marshal(m[k])
			_, _ = w.Write(kb)
			_, _ = io.WriteString(w, ":")
			_, _ = w.Write(vb)
		}
		_, _ = io.WriteString(w, "}")
	})
}

// UnmarshalStringMap reads a flat JSON object of strings.
func UnmarshalStringMap(v any) (map[string]string, error) {
	in, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("StringMap must be an object, got %T", v)
	}
	out := make(map[string]string, len(in))
	for k, x := range in {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("StringMap value of %q must be a string, got %T", k, x)
		}
		out[k] = s
	}
	return out, nil
}
