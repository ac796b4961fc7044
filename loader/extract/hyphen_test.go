package extract

import "testing"

// TestDropTitledHyphenWords checks that a word a cable runs into a title
// with a hyphen does not stay part of a person's name, while hyphenated
// names stay whole.
func TestDropTitledHyphenWords(t *testing.T) {
	r := &run{e: newTestExtractor(t)}
	for in, want := range map[string]string{
		"Aliyev-President Putin":                "Putin",
		"Advisor-equivalent Jean-David Levitte": "Jean-David Levitte",
		"POTUS-President Nicolas Sarkozy":       "Nicolas Sarkozy",
		"Alexander Botsan-Kharchenko":           "Alexander Botsan-Kharchenko",
		"Jean-David Levitte":                    "Jean-David Levitte",
		"Botsan-Kharchenko":                     "Botsan-Kharchenko",
		"President-elect":                       "President-elect", // a lone word is left to the other rules
	} {
		if got := r.dropTitledHyphenWords(in); got != want {
			t.Errorf("dropTitledHyphenWords(%q) = %q, want %q", in, got, want)
		}
	}
}
