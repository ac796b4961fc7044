package query

import (
	"encoding/base64"
	"fmt"
	"strconv"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

const cursorPrefix = "cursor:"

// EncodeCursor turns an offset into an opaque Relay cursor. Opaque so that
// clients page with what they were given instead of doing arithmetic that a
// later keyset implementation would break.
func EncodeCursor(offset int) string {
	return base64.StdEncoding.EncodeToString([]byte(cursorPrefix + strconv.Itoa(offset)))
}

// DecodeCursor reverses EncodeCursor. A cursor that was not made by
// EncodeCursor is the caller's mistake: the error wraps graph.ErrInvalid.
func DecodeCursor(s string) (int, error) {
	raw, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return 0, fmt.Errorf("bad cursor %q: not a cursor from this API: %w", s, graph.ErrInvalid)
	}
	rest, ok := strings.CutPrefix(string(raw), cursorPrefix)
	if !ok {
		return 0, fmt.Errorf("bad cursor %q: not a cursor from this API: %w", s, graph.ErrInvalid)
	}
	n, err := strconv.Atoi(rest)
	if err != nil || n < 0 {
		return 0, fmt.Errorf("bad cursor %q: offset is not a non-negative number: %w", s, graph.ErrInvalid)
	}
	return n, nil
}

// ClampPage returns the page size to use: def when first is nil, else
// *first, which must lie in [0, max].
func ClampPage(first *int, def, max int) (int, error) {
	if first == nil {
		return def, nil
	}
	return checkRange("first", *first, 0, max)
}

// checkRange validates a size argument against [min, max] with a message
// that names the argument, since it is shown to users as is.
func checkRange(name string, v, min, max int) (int, error) {
	switch {
	case v < min:
		return 0, fmt.Errorf("%s must be at least %d, got %d: %w", name, min, v, graph.ErrInvalid)
	case v > max:
		return 0, fmt.Errorf("%s must be at most %d, got %d: %w", name, max, v, graph.ErrInvalid)
	}
	return v, nil
}

// withDefault validates an argument where 0 means "use the default".
func withDefault(name string, v, def, max int) (int, error) {
	if v == 0 {
		return def, nil
	}
	return checkRange(name, v, 1, max)
}
