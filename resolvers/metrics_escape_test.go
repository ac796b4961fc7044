package resolvers

import (
	"strings"
	"testing"
)

// TestEscapeLabel checks the fast path against the escaping rules of the
// Prometheus text format (backslash, double quote and newline).
func TestEscapeLabel(t *testing.T) {
	want := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	for _, v := range []string{"", "cables", `a"b`, `back\slash`, "two\nlines", "ünï\xffcode\"", `\\"` + "\n\n"} {
		if got := escapeLabel(v); got != want.Replace(v) {
			t.Errorf("escapeLabel(%q) = %q, want %q", v, got, want.Replace(v))
		}
	}
}
