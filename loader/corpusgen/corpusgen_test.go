package corpusgen

import (
	"bytes"
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// sources builds realistic source cables: 40 posts' worth of cables whose
// paragraphs name persons, with the extractor's person mentions filled in.
func sources() []*graph.Cable {
	posts := []struct{ post, origin string }{{"MOSCOW", "Embassy Moscow"}, {"BELGRADE", "Embassy Belgrade"}, {"PRISTINA", "Embassy Pristina"}, {"LAPAZ", "Embassy La Paz"}}
	surnames := []string{"Lavrov", "Jeremic", "Tadic", "Kostunica", "Thaci", "Morales", "Medvedev", "Putin", "Sejdiu", "Choquehuanca"}
	var out []*graph.Cable
	for i := 0; i < 40; i++ {
		p := posts[i%len(posts)]
		a, b := surnames[i%len(surnames)], surnames[(i*3+1)%len(surnames)]
		created := time.Date(2005+i%5, time.Month(1+i%12), 3, 10, 0, 0, 0, time.UTC)
		out = append(out, &graph.Cable{
			ID: fmt.Sprintf("%02d%s%d", created.Year()%100, p.post, 100+i), Created: &created, Origin: p.origin,
			Classification: graph.Confidential, Tags: []string{"PREL", "KV"}, Subject: "TALKS ON \"STATUS\" " + fmt.Sprint(i),
			ClassifiedBy: &graph.Classifier{Name: "John Smith", Title: "Ambassador", Reasons: []string{"1.4 (b/d)"}},
			Signature:    "SMITH",
			Paragraphs: []graph.Paragraph{
				{Number: 1, Marking: "C", Text: fmt.Sprintf("Summary. FM %s told %s that talks would go on. End summary.", a, b)},
				{Number: 2, Marking: "SBU", Text: fmt.Sprintf("%s met %s on January 24 in a \"frank\" meeting; a back\\slash stays.", b, a)},
			},
			Persons: []graph.PersonMention{{Surname: a, Count: 2}, {Surname: b, Count: 2}},
		})
	}
	return out
}

func generate(t *testing.T, n int, seed uint64) []byte {
	return generateWith(t, Options{Count: n, Seed: seed})
}

func generateWith(t *testing.T, opts Options) []byte {
	n := opts.Count
	t.Helper()
	g, err := New(sources())
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	st, err := g.Write(context.Background(), &buf, opts)
	if err != nil {
		t.Fatal(err)
	}
	if st.Cables != n || st.Bytes != int64(buf.Len()) {
		t.Fatalf("stats %+v, wrote %d bytes", st, buf.Len())
	}
	return buf.Bytes()
}

func TestGeneratedCorpusParsesBack(t *testing.T) {
	const n = 600
	out := generate(t, n, 7)
	var cables []*graph.Cable
	var fails []string
	err := parse.Records(context.Background(), "gen.csv", bytes.NewReader(out), parse.Options{Format: graph.FormatCSV},
		func(r parse.Record) error {
			c, err := parse.ParseRecord(r)
			if err != nil {
				fails = append(fails, err.Error())
				return nil
			}
			cables = append(cables, c)
			return nil
		}, func(f *parse.Failure) { fails = append(fails, f.Error()) })
	if err != nil {
		t.Fatal(err)
	}
	if len(fails) > 0 {
		t.Fatalf("%d failures, first: %s", len(fails), fails[0])
	}
	if len(cables) != n {
		t.Fatalf("parsed %d cables, want %d", len(cables), n)
	}
	ids := map[string]bool{}
	refs, resolvable := 0, 0
	for _, c := range cables {
		if ids[c.ID] {
			t.Fatalf("duplicate id %s", c.ID)
		}
		ids[c.ID] = true
		if c.Created == nil || len(c.Paragraphs) == 0 || c.Subject == "" || len(c.Tags) == 0 {
			t.Fatalf("cable %s lacks fields: %+v", c.ID, c)
		}
	}
	for _, c := range cables {
		for _, r := range c.References {
			if r.Kind != graph.RefCable {
				continue
			}
			refs++
			if ids[r.ID] {
				resolvable++
			}
		}
	}
	if refs == 0 || resolvable*10 < refs*9 {
		t.Errorf("references: %d, resolvable in corpus: %d; want most to resolve", refs, resolvable)
	}
}

func TestSameSeedSameBytes(t *testing.T) {
	a, b, c := generate(t, 300, 1), generate(t, 300, 1), generate(t, 300, 2)
	if !bytes.Equal(a, b) {
		t.Error("same seed gave different output")
	}
	if bytes.Equal(a, c) {
		t.Error("different seeds gave the same output")
	}
}

// TestPersonDegreesAreSkewed checks that surnames are redistributed with a
// heavy head: the most frequent name appears in far more cables than the
// median one.
func TestPersonDegreesAreSkewed(t *testing.T) {
	out := string(generateWith(t, Options{Count: 2000, Seed: 3, SwapShare: 1}))
	rows := strings.Split(out, "\n\"")
	names := []string{"Lavrov", "Jeremic", "Tadic", "Kostunica", "Thaci", "Morales", "Medvedev", "Putin", "Sejdiu", "Choquehuanca"}
	var counts []int
	for _, n := range names {
		k := 0
		for _, r := range rows {
			if strings.Contains(r, n) {
				k++
			}
		}
		counts = append(counts, k)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(counts)))
	if counts[0] < 3*counts[len(counts)/2] {
		t.Errorf("cables per surname %v: want the top one at least 3x the median", counts)
	}
}

func TestNewRejectsEmptySources(t *testing.T) {
	if _, err := New(nil); err == nil {
		t.Fatal("want an error for no sources")
	}
}

func BenchmarkWrite(b *testing.B) {
	g, err := New(sources())
	if err != nil {
		b.Fatal(err)
	}
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		st, err := g.Write(context.Background(), &buf, Options{Count: 2000, Seed: 1})
		if err != nil {
			b.Fatal(err)
		}
		b.SetBytes(st.Bytes)
	}
}
