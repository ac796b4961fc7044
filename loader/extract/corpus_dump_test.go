package extract

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// TestCorpusPersons lists the most frequent person keys over the shared
// corpus fragments and a random sample of persons, so that systematic
// false positives show up; a development aid skipped unless
// EXTRACT_CORPUS=out-file is set.
func TestCorpusPersons(t *testing.T) {
	out := os.Getenv("EXTRACT_CORPUS")
	if out == "" {
		t.Skip("set EXTRACT_CORPUS=out-file to list persons over ../shared/data/cables")
	}
	root := sharedDir(t, filepath.Join("data", "cables", "cablegate-html-fragments", "cable"))
	e := newTestExtractor(t)
	type agg struct {
		n    int
		name string
		how  map[string]int
	}
	keys := map[string]*agg{}
	var all []string
	_ = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return nil
		}
		c := parseBytes(t, p, data)
		e.Extract(c)
		for _, pm := range c.Persons {
			a := keys[pm.Key]
			if a == nil {
				a = &agg{name: pm.Name, how: map[string]int{}}
				keys[pm.Key] = a
			}
			a.n++
			for _, h := range pm.How {
				a.how[h]++
			}
			all = append(all, fmt.Sprintf("%s\t%s\t%s\t%v\t%v", c.ID, pm.Key, pm.Name, pm.How, pm.Aliases))
		}
		return nil
	})
	ks := make([]string, 0, len(keys))
	for k := range keys {
		ks = append(ks, k)
	}
	sort.Slice(ks, func(i, j int) bool {
		return keys[ks[i]].n > keys[ks[j]].n || keys[ks[i]].n == keys[ks[j]].n && ks[i] < ks[j]
	})
	var b strings.Builder
	for i, k := range ks {
		if i >= 300 {
			break
		}
		fmt.Fprintf(&b, "%d\t%s\t%s\t%v\n", keys[k].n, k, keys[k].name, keys[k].how)
	}
	b.WriteString("---- sample\n")
	rng := rand.New(rand.NewSource(1))
	for i := 0; i < 200 && len(all) > 0; i++ {
		b.WriteString(all[rng.Intn(len(all))] + "\n")
	}
	fmt.Fprintf(&b, "---- %d person mentions, %d keys\n", len(all), len(keys))
	if err := os.WriteFile(out, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(out+".all", []byte(strings.Join(all, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}
