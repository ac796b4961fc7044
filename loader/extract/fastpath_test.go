package extract

import "testing"

// TestNormLower checks the one-pass normLower against the functions it
// stands for: normSpace, caseCounts and asciiLower.
func TestNormLower(t *testing.T) {
	for _, s := range []string{
		"", " ", "abc", "ABC", "  Lavrov  told\tthe\n\nAmbassador. ", "already lower case",
		"1. (C) SUMMARY: The GOR said", "Jos\u00e9 Mar\u00eda met \u0130stanbul\u00a0officials", "mixed \u2003 spaces\r\nand CAPS",
		"bad \xff byte Upper", "UPPER then \u00e9", "\u00e9 then UPPER", "trailing space ", " leading",
	} {
		norm, lower, nl, nu := normLower(s)
		if want := normSpace(s); norm != want {
			t.Errorf("normLower(%q) norm = %q, want %q", s, norm, want)
		}
		wl, wu := caseCounts(s)
		if nl != wl || nu != wu {
			t.Errorf("normLower(%q) counts = %d,%d, want %d,%d", s, nl, nu, wl, wu)
		}
		wlow, ok := asciiLower(normSpace(s))
		if !ok {
			wlow = ""
		}
		if lower != wlow {
			t.Errorf("normLower(%q) lower = %q, want %q", s, lower, wlow)
		}
	}
}

// FuzzNormLower: normLower agrees with normSpace, caseCounts and
// asciiLower on any input. Run: go test -fuzz FuzzNormLower ./loader/extract
func FuzzNormLower(f *testing.F) {
	f.Add("  Lavrov  told\tthe\n\nAmbassador. ")
	f.Add("Jos\u00e9 \u2003 \xff UPPER")
	f.Fuzz(func(t *testing.T, s string) {
		norm, lower, nl, nu := normLower(s)
		wl, wu := caseCounts(s)
		wlow, ok := asciiLower(normSpace(s))
		if !ok {
			wlow = ""
		}
		if norm != normSpace(s) || lower != wlow || nl != wl || nu != wu {
			t.Errorf("normLower(%q) = %q, %q, %d, %d", s, norm, lower, nl, nu)
		}
	})
}

// TestIsUpperWord checks the ASCII fast path of isUpperWord against the
// rune loop it short-cuts.
func TestIsUpperWord(t *testing.T) {
	for _, tc := range []struct {
		w    string
		want bool
	}{
		{"NATO", true}, {"US", true}, {"A", false}, {"Nato", false}, {"U.S.", true}, {"G8", false}, {"B-52", false},
		{"ÉTAT", true}, {"État", false}, {"ÜBER-ALLES", true}, {"xÉ", false}, {"ÉxÉ", false}, {"12", false}, {"", false},
	} {
		if got := isUpperWord(tc.w); got != tc.want {
			t.Errorf("isUpperWord(%q) = %v, want %v", tc.w, got, tc.want)
		}
	}
}
