package query

import (
	"math/rand/v2"
	"testing"
)

// TestContainsWord: whole words, case-insensitive, on ASCII text (compared
// in place) and on other text (lower-cased copies).
func TestContainsWord(t *testing.T) {
	for _, tc := range []struct {
		text, word string
		want       bool
	}{
		{"Talks on Kosovo resumed.", "kosovo", true},
		{"Talks on KOSOVO resumed.", "Kosovo", true},
		{"kosovo", "Kosovo", true},
		{"Kosovo's status", "kosovo", true},
		{"Kosovar leaders", "kosovo", false},
		{"Kosovo2 and kosovo", "kosovo", true},
		{"Kosovo2", "kosovo", false},
		{"xkosovo", "kosovo", false},
		{"turmoil in oil markets", "oil", true},
		{"turmoil", "oil", false},
		{"human  rights", "human rights", false},
		{"Human Rights Watch", "human rights", true},
		{"", "oil", false},
		{"oil", "", false},
		{"oi", "oil", false},
		{"Приштина и Kosovo", "kosovo", true},
		{"éKosovo", "kosovo", false},
		{"KOSOVOé", "kosovo", false},
		{"PRIŠTINA talks", "priština", true},
		{"Kelvin \u212a", "k", true},
	} {
		if got := containsWord(tc.text, tc.word); got != tc.want {
			t.Errorf("containsWord(%q, %q) = %v, want %v", tc.text, tc.word, got, tc.want)
		}
	}
}

// TestContainsWordASCIISameAsLowered: on random ASCII text the in-place
// comparison answers as lower-casing copies does.
func TestContainsWordASCIISameAsLowered(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	const alphabet = "aAbB o-O9."
	pick := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	matches := 0
	for range 20000 {
		text, word := pick(rng.IntN(12)), pick(1+rng.IntN(3))
		want := containsWordLowered(text, word)
		if got := containsWordASCII(text, word); got != want {
			t.Fatalf("containsWordASCII(%q, %q) = %v, lower-cased copies say %v", text, word, got, want)
		}
		if want {
			matches++
		}
	}
	if matches < 100 {
		t.Fatalf("only %d of the random cases matched: the comparison proves little", matches)
	}
}
