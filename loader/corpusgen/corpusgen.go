// Package corpusgen writes a full-size synthetic cables.csv, in the format of
// the release's own file, derived from real cables.
//
// We hold 6,712 real cables but users load all 251,287, so loading and query
// speed must be measured at full size on text that looks like the real
// thing. The generator keeps what the parser and extractor see (headers,
// TAGS, REF sections, markings, real paragraphs, real names in real
// sentences) and remaps what makes a corpus large: ids and serials, dates,
// reference targets, and which person a sentence names. Surnames are drawn
// from a Zipf distribution over the real persons, so a few people appear in
// thousands of cables and most in a handful, as in the release.
//
// The output depends only on the source cables and the seed: same inputs,
// same bytes.
package corpusgen

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// DefaultCount is the size of the full Cablegate release.
const DefaultCount = 251287

// Options tune the generator.
type Options struct {
	Count int    // cables to write; DefaultCount when 0
	Seed  uint64 // random seed; same seed, same output
	// SwapShare is the share of persons in a template cable whose surname is
	// replaced by one drawn from the popularity distribution (default 0.6).
	SwapShare float64
	// Progress, when set, is called every 10,000 cables with the count so far.
	Progress func(done int)
}

// Stats summarises what was written.
type Stats struct {
	Cables     int
	Bytes      int64
	References int
	Resolvable int // references to a cable the corpus contains
}

// template is what the generator keeps of one real cable.
type template struct {
	post       string // id post part, e.g. MOSCOW
	origin     string
	class      string
	tags       []string
	subject    string
	classifier *graph.Classifier
	signature  string
	paragraphs []graph.Paragraph
	surnames   []string
	from       string
	to         []string
	year       int
}

// Generator holds the pools drawn from the source cables.
type Generator struct {
	templates  []template
	paragraphs []graph.Paragraph // every real numbered paragraph
	names      []string          // distinct surnames, ordered by real frequency
	zipf       []float64         // cumulative popularity of names
}

var idPost = regexp.MustCompile(`^\d{2}([A-Z]+?)\d+$`)

// New builds a generator from parsed (and preferably extracted) cables. The
// order of the sources does not matter: they are sorted by id.
func New(sources []*graph.Cable) (*Generator, error) {
	src := append([]*graph.Cable(nil), sources...)
	sort.Slice(src, func(i, j int) bool { return src[i].ID < src[j].ID })
	g := &Generator{}
	freq := map[string]int{}
	for _, c := range src {
		m := idPost.FindStringSubmatch(c.ID)
		if m == nil || len(c.Paragraphs) == 0 {
			continue
		}
		t := template{post: m[1], origin: c.Origin, class: c.Classification, tags: c.Tags, subject: c.Subject,
			classifier: c.ClassifiedBy, signature: c.Signature, from: c.From, to: c.To, year: 2000 + atoi(c.ID[:2])}
		if t.year > 2010 {
			t.year -= 100
		}
		if c.Created != nil {
			t.year = c.Created.Year()
		}
		for _, p := range c.Paragraphs {
			if p.Number > 0 && strings.TrimSpace(p.Text) != "" {
				t.paragraphs = append(t.paragraphs, p)
				g.paragraphs = append(g.paragraphs, p)
			}
		}
		if len(t.paragraphs) == 0 {
			continue
		}
		for _, p := range c.Persons {
			s := strings.TrimSpace(p.Surname)
			if len(s) < 3 || strings.ContainsAny(s, " .") {
				continue
			}
			t.surnames = append(t.surnames, s)
			freq[titleCase(s)] += p.Count + 1
		}
		g.templates = append(g.templates, t)
	}
	if len(g.templates) == 0 {
		return nil, fmt.Errorf("corpusgen: no usable source cables (need parsed cables with numbered paragraphs)")
	}
	for n := range freq {
		g.names = append(g.names, n)
	}
	sort.Slice(g.names, func(i, j int) bool {
		if freq[g.names[i]] != freq[g.names[j]] {
			return freq[g.names[i]] > freq[g.names[j]]
		}
		return g.names[i] < g.names[j]
	})
	// Zipf weights 1/rank^1.1 over the names ordered by their real frequency.
	total := 0.0
	g.zipf = make([]float64, len(g.names))
	for i := range g.names {
		total += 1 / math.Pow(float64(i+1), 1.1)
		g.zipf[i] = total
	}
	return g, nil
}

// Templates is the number of usable source cables.
func (g *Generator) Templates() int { return len(g.templates) }

// Write writes opts.Count cables as cables.csv rows to w.
func (g *Generator) Write(ctx context.Context, w io.Writer, opts Options) (Stats, error) {
	if opts.Count <= 0 {
		opts.Count = DefaultCount
	}
	if opts.SwapShare == 0 {
		opts.SwapShare = 0.6
	}
	rng := rand.New(rand.NewPCG(opts.Seed, opts.Seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(w, 1<<20)
	cw := &countWriter{w: bw}
	var st Stats
	serial := map[string]int{}      // yy+post -> last serial
	recent := map[string][]string{} // post -> recent ids, for REF targets
	var all []string                // every id written, for cross-post refs
	for i := 0; i < opts.Count; i++ {
		if i%1000 == 0 {
			if err := ctx.Err(); err != nil {
				return st, fmt.Errorf("corpusgen: %w", err)
			}
		}
		if opts.Progress != nil && i > 0 && i%10000 == 0 {
			opts.Progress(i)
		}
		t := &g.templates[rng.IntN(len(g.templates))]
		// Dates move forward through the template's year so that references
		// (drawn from ids already written) point back in time.
		year := t.year
		created := time.Date(year, time.Month(1+rng.IntN(12)), 1+rng.IntN(28), rng.IntN(24), rng.IntN(60), 0, 0, time.UTC)
		yy := fmt.Sprintf("%02d", year%100)
		serial[yy+t.post] += 1 + rng.IntN(40)
		id := yy + t.post + strconv.Itoa(serial[yy+t.post])

		refs := g.pickRefs(rng, recent[t.post], all)
		st.References += len(refs)
		st.Resolvable += len(refs)
		body := g.body(rng, t, id, created, refs, opts.SwapShare)
		header := routing(t, id, created, serial[yy+t.post])
		row := []string{strconv.Itoa(i + 1), fmt.Sprintf("%d/%d/%d %d:%02d", created.Month(), created.Day(), created.Year(), created.Hour(), created.Minute()),
			id, t.origin, t.class, strings.Join(refs, "|"), header, body}
		writeRow(cw, row)
		if cw.err != nil {
			return st, fmt.Errorf("corpusgen: writing: %w", cw.err)
		}
		st.Cables++
		r := append(recent[t.post], id)
		if len(r) > 50 {
			r = r[len(r)-50:]
		}
		recent[t.post] = r
		all = append(all, id)
	}
	if err := bw.Flush(); err != nil {
		return st, fmt.Errorf("corpusgen: writing: %w", err)
	}
	st.Bytes = cw.n
	return st, nil
}

// pickRefs cites 0-3 earlier cables, mostly from the same post, as real
// cables mostly cite their own post's recent traffic.
func (g *Generator) pickRefs(rng *rand.Rand, samePost, all []string) []string {
	n := []int{0, 0, 1, 1, 1, 2, 2, 3}[rng.IntN(8)]
	var refs []string
	seen := map[string]bool{}
	for k := 0; k < n; k++ {
		var id string
		switch {
		case len(samePost) > 0 && rng.IntN(4) > 0:
			id = samePost[rng.IntN(len(samePost))]
		case len(all) > 0:
			id = all[rng.IntN(len(all))]
		default:
			continue
		}
		if !seen[id] {
			seen[id] = true
			refs = append(refs, id)
		}
	}
	return refs
}

func (g *Generator) drawName(rng *rand.Rand) string {
	x := rng.Float64() * g.zipf[len(g.zipf)-1]
	i := sort.SearchFloat64s(g.zipf, x)
	if i >= len(g.names) {
		i = len(g.names) - 1
	}
	return g.names[i]
}

// body renders the telegram text of one synthetic cable.
func (g *Generator) body(rng *rand.Rand, t *template, id string, created time.Time, refs []string, swap float64) string {
	var b strings.Builder
	post := t.post
	banner := bannerFor(t.class)
	fmt.Fprintf(&b, "%s SECTION 01 OF 01 %s %06s\n\nSIPDIS\n\n", banner, post, id[len(post)+2:])
	fmt.Fprintf(&b, "E.O. 12958: DECL: %02d/%02d/%d\n", created.Month(), created.Day(), created.Year()+10)
	fmt.Fprintf(&b, "TAGS: %s\nSUBJECT: %s\n\n", strings.Join(t.tags, ", "), t.subject)
	if len(refs) > 0 {
		b.WriteString("REF: ")
		for k, r := range refs {
			m := idPost.FindStringSubmatch(r)
			serial := strings.TrimPrefix(r[2:], m[1])
			if len(refs) > 1 {
				fmt.Fprintf(&b, "%c. ", 'A'+k)
			}
			fmt.Fprintf(&b, "%s %s %s\n", r[:2], m[1], serial)
			if k < len(refs)-1 {
				b.WriteString("     ")
			}
		}
		b.WriteString("\n")
	}
	if t.classifier != nil && t.classifier.Name != "" {
		fmt.Fprintf(&b, "Classified By: %s %s for reasons %s\n\n", t.classifier.Title, t.classifier.Name, strings.Join(t.classifier.Reasons, ", "))
	}
	// Paragraphs: the template's own, some swapped for real paragraphs of
	// other cables, then surnames redistributed.
	swaps := map[string]string{}
	for _, s := range t.surnames {
		if _, done := swaps[s]; !done && rng.Float64() < swap {
			swaps[s] = g.drawName(rng)
		}
	}
	for k, p := range t.paragraphs {
		if rng.IntN(10) < 3 {
			p = g.paragraphs[rng.IntN(len(g.paragraphs))]
		}
		text := p.Text
		for _, sw := range sortedSwaps(swaps) {
			text = replaceWord(text, sw[0], sw[1])
		}
		mark := ""
		if p.Marking != "" {
			mark = "(" + p.Marking + ") "
		}
		fmt.Fprintf(&b, "%d. %s%s\n\n", k+1, mark, wrap(text, 68))
	}
	if t.signature != "" {
		b.WriteString(t.signature + "\n")
	}
	return b.String()
}

// sortedSwaps returns the swaps in a fixed order so that output does not
// depend on map iteration order.
func sortedSwaps(m map[string]string) [][2]string {
	out := make([][2]string, 0, len(m))
	for k, v := range m {
		out = append(out, [2]string{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func routing(t *template, id string, created time.Time, serial int) string {
	from := t.from
	if from == "" {
		from = "AMEMBASSY " + t.post
	}
	to := "RUEHC/SECSTATE WASHDC PRIORITY " + strconv.Itoa(1000+serial%9000)
	if len(t.to) > 0 {
		to = t.to[0]
	}
	dtg := fmt.Sprintf("%02d%02d%02dZ %s %02d", created.Day(), created.Hour(), created.Minute(), strings.ToUpper(created.Month().String()[:3]), created.Year()%100)
	return fmt.Sprintf("VZCZCXRO%04d\nPP RUEHWEB\nDE RUEH #%04d/01 %03d%02d%02d\nZNY CCCCC ZZH\nP %s\nFM %s\nTO %s", serial%10000, serial%10000,
		created.YearDay(), created.Hour(), created.Minute(), dtg, from, to)
}

func bannerFor(class string) string {
	switch {
	case strings.HasPrefix(class, "SECRET"):
		return "S E C R E T"
	case strings.HasPrefix(class, "CONFIDENTIAL"):
		return "C O N F I D E N T I A L"
	default:
		return "UNCLAS"
	}
}

// replaceWord replaces whole-word occurrences of from (as written and in
// upper case) with to.
func replaceWord(s, from, to string) string {
	for _, pair := range [][2]string{{from, to}, {strings.ToUpper(from), strings.ToUpper(to)}, {titleCase(from), titleCase(to)}} {
		s = replaceWhole(s, pair[0], pair[1])
	}
	return s
}

func replaceWhole(s, from, to string) string {
	if from == "" || !strings.Contains(s, from) {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, from)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		before := i == 0 || !isWordByte(s[i-1])
		after := i+len(from) >= len(s) || !isWordByte(s[i+len(from)])
		b.WriteString(s[:i])
		if before && after {
			b.WriteString(to)
		} else {
			b.WriteString(from)
		}
		s = s[i+len(from):]
	}
}

func isWordByte(c byte) bool {
	return c == '-' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
}

func titleCase(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + strings.ToLower(s[1:])
}

func wrap(s string, width int) string {
	words := strings.Fields(s)
	var b strings.Builder
	n := 0
	for _, w := range words {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// writeRow writes one row the way the release's cables.csv does: every
// field quoted, quotes and backslashes escaped with a backslash.
func writeRow(w io.Writer, fields []string) {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`)
	for i, f := range fields {
		if i > 0 {
			io.WriteString(w, ",")
		}
		io.WriteString(w, `"`)
		io.WriteString(w, r.Replace(f))
		io.WriteString(w, `"`)
	}
	io.WriteString(w, "\n")
}

type countWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

func atoi(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}
