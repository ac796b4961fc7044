package extract

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestGenCommonWords rewrites commonwords.txt from the shared corpus: the
// words mixed-case cables write in lower case mid-sentence at least twice
// and at least a quarter of the times they use them. A development aid,
// skipped unless EXTRACT_GEN_COMMON=1; the list is a fact about cable
// English, so it is regenerated only when the rule above changes.
func TestGenCommonWords(t *testing.T) {
	if os.Getenv("EXTRACT_GEN_COMMON") == "" {
		t.Skip("set EXTRACT_GEN_COMMON=1 to regenerate commonwords.txt from ../shared/data/cables")
	}
	root := sharedDir(t, filepath.Join("data", "cables", "cablegate-html-fragments", "cable"))
	low, capd := map[string]int{}, map[string]int{}
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		c := parseBytes(t, p, data)
		lower, upper := 0, 0
		for _, para := range c.Paragraphs {
			l, u := caseCounts(para.Text)
			lower, upper = lower+l, upper+u
		}
		if lower < upper {
			return nil // ALL-CAPS text says nothing about case
		}
		for _, para := range c.Paragraphs {
			for _, st := range sentences(stripParaHead(normSpace(para.Text))) {
				for i, tk := range tokenize(st) {
					if i == 0 || !tk.word || tk.upper {
						continue
					}
					if tk.cap {
						capd[tk.lower]++
					} else {
						low[tk.lower]++
					}
				}
			}
		}
		return nil
	})
	var out []string
	for w, n := range low {
		if n >= 2 && n*3 >= capd[w] && len(w) >= 3 && plainWord(w) {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	if err := os.WriteFile("commonwords.txt", []byte(strings.Join(out, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("%d common words", len(out))
}

// plainWord: lower-case letters with inner hyphens or apostrophes.
func plainWord(w string) bool {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'a' && c <= 'z' || (c == '-' || c == '\'') && i > 0 && i < len(w)-1 {
			continue
		}
		return false
	}
	return true
}
