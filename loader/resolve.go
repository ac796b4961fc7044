package loader

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract"
)

// personPage is how many persons one ListPersons call returns while the
// loader reads the counts of persons already in the store.
const personPage = 5000

// keyCounts counts, per person key, the cables that mention it, and per
// key and given name (key + extract.GivenSep + given) the cables where a
// mention of that key had that given name: the input of
// extract.ResolveKeys.
type keyCounts map[string]int

// add counts each distinct person key of c once, and each distinct given
// name of a key once.
func (k keyCounts) add(c *graph.Cable) {
	for i, p := range c.Persons {
		if p.Key == "" || slices.ContainsFunc(c.Persons[:i], func(q graph.PersonMention) bool { return q.Key == p.Key }) {
			continue
		}
		k[p.Key]++
	}
	for i, p := range c.Persons {
		g := extract.GivenKey(p.Name, p.Surname)
		if p.Key == "" || g == "" || slices.ContainsFunc(c.Persons[:i], func(q graph.PersonMention) bool {
			return q.Key == p.Key && extract.GivenKey(q.Name, q.Surname) == g
		}) {
			continue
		}
		k[p.Key+extract.GivenSep+g]++
	}
}

// addStored adds the cable counts of the persons already in store when it
// is also a graph.Reader, so that an incremental load folds bare keys the
// way the whole corpus says. It must run after this run's cables were
// counted: a key this run has seen keeps this run's count, and only keys
// the run has not seen take the stored count. Stored counts already include
// the bare keys folded by earlier loads, so adding them to keys this run
// also counts would shift the balance between variants and make a re-load
// of an unchanged corpus resolve differently (and rewrite cables).
func (k keyCounts) addStored(ctx context.Context, store graph.Writer) error {
	r, ok := store.(graph.Reader)
	if !ok {
		return nil
	}
	for off := 0; ; off += personPage {
		ps, total, err := r.ListPersons(ctx, "", graph.Page{Offset: off, Limit: personPage})
		if err != nil {
			return fmt.Errorf("reading the persons already stored (offset %d) to resolve person keys: %w", off, err)
		}
		for _, p := range ps {
			if _, seen := k[p.Key]; !seen {
				k[p.Key] = p.Cables
				if g := extract.GivenKey(p.Name, lastWord(p.Name)); g != "" {
					k[p.Key+extract.GivenSep+g] = p.Cables
				}
			}
		}
		if len(ps) < personPage || off+personPage >= total {
			return nil
		}
	}
}

// resolver rewrites person keys with a mapping from extract.ResolveKeys.
type resolver struct {
	// to holds the answers that change a key: key, or key+GivenSep+given,
	// to the resolved key.
	to map[string]string
	// bases are the keys to has an answer for, with or without a given
	// name: any other key stays as it is, without working out the given
	// name of its mention (most keys of a load, and most of phase 2's
	// work on a cable before it was skipped so).
	bases map[string]bool
}

func newResolver(counts keyCounts) resolver {
	m := extract.ResolveKeys(counts)
	for k, v := range m {
		if k == v {
			delete(m, k) // keep only the keys that change
			continue
		}
		if i := strings.Index(k, extract.GivenSep); i >= 0 && k[:i] == v {
			if to, ok := m[v]; !ok || to == v {
				delete(m, k) // stays apart, and so does its key
			}
		}
	}
	return resolverOf(m)
}

// resolverOf is the resolver for the answers in to (only those that
// change a key).
func resolverOf(to map[string]string) resolver {
	r := resolver{to: to, bases: make(map[string]bool, len(to))}
	for k := range to {
		if i := strings.Index(k, extract.GivenSep); i >= 0 {
			k = k[:i]
		}
		r.bases[k] = true
	}
	return r
}

func (r resolver) len() int { return len(r.to) }

// needs reports whether any person key of c changes.
func (r resolver) needs(c *graph.Cable) bool {
	if len(r.to) == 0 {
		return false
	}
	for _, p := range c.Persons {
		if r.key(p.Key, p.Name, p.Surname) != p.Key {
			return true
		}
	}
	for _, in := range c.Interactions {
		if r.side(in.A, in.AName) != in.A || r.side(in.B, in.BName) != in.B {
			return true
		}
	}
	return false
}

// key is the resolved key of a mention of k named name: the answer for
// its given name when extract.ResolveKeys gave one, else for k.
func (r resolver) key(k, name, surname string) string {
	if !r.bases[k] {
		return k
	}
	if g := extract.GivenKey(name, surname); g != "" {
		if v, ok := r.to[k+extract.GivenSep+g]; ok {
			return v
		}
	}
	if v, ok := r.to[k]; ok {
		return v
	}
	return k
}

// side is the resolved key of one side of an interaction, k named name
// (whose last word stands for the surname).
func (r resolver) side(k, name string) string {
	if !r.bases[k] {
		return k
	}
	return r.key(k, name, lastWord(name))
}

func lastWord(s string) string {
	w := strings.Fields(s)
	if len(w) == 0 {
		return ""
	}
	return w[len(w)-1]
}

// apply rewrites the person keys of c in place. Two mentions that end up
// with one key become one mention (counts summed, lists united and
// sorted, the fullest name kept, in the place of the first); interactions
// of a person with themself are dropped and identical interactions are
// kept once, in order.
func (r resolver) apply(c *graph.Cable) {
	persons := c.Persons[:0]
	at := map[string]int{}
	for _, p := range c.Persons {
		p.Key = r.key(p.Key, p.Name, p.Surname)
		i, ok := at[p.Key]
		if !ok {
			at[p.Key] = len(persons)
			persons = append(persons, p)
			continue
		}
		persons[i] = mergeMentions(persons[i], p)
	}
	clear(c.Persons[len(persons):])
	c.Persons = persons

	if len(c.Interactions) == 0 {
		return
	}
	ins := c.Interactions[:0]
	// Interactions kept, by the fields most tell them apart by; only
	// those that agree on these are compared whole (sameInteraction).
	type brief struct {
		a, b, kind, evidence string
		paragraph            int
	}
	kept := map[brief][]int{}
	for _, in := range c.Interactions {
		in.A, in.B = r.side(in.A, in.AName), r.side(in.B, in.BName)
		if in.A == in.B {
			continue
		}
		k := brief{in.A, in.B, in.Kind, in.Evidence, in.Paragraph}
		if slices.ContainsFunc(kept[k], func(i int) bool { return sameInteraction(ins[i], in) }) {
			continue
		}
		kept[k] = append(kept[k], len(ins))
		ins = append(ins, in)
	}
	clear(c.Interactions[len(ins):])
	c.Interactions = ins
}

// mergeMentions is one mention made of two mentions of the same person in
// one cable.
func mergeMentions(a, b graph.PersonMention) graph.PersonMention {
	a.Name = fullest(a.Name, b.Name)
	a.Surname = fullest(a.Surname, b.Surname)
	a.Aliases = union(a.Aliases, b.Aliases)
	a.Roles = union(a.Roles, b.Roles)
	a.How = union(a.How, b.How)
	if a.Country == "" || (b.Country != "" && strings.HasSuffix(a.Key, "|"+b.Country) && !strings.HasSuffix(a.Key, "|"+a.Country)) {
		a.Country = b.Country
	}
	a.Count += b.Count
	ps := append(slices.Clone(a.Paragraphs), b.Paragraphs...)
	slices.Sort(ps)
	a.Paragraphs = slices.Compact(ps)
	return a
}

// fullest is the longer of two names, the smaller one on a tie, so that
// the choice does not depend on order.
func fullest(a, b string) string {
	switch {
	case len(b) > len(a):
		return b
	case len(b) == len(a) && b < a:
		return b
	}
	return a
}

func union(a, b []string) []string {
	if len(a) == 0 && len(b) == 0 {
		return a
	}
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
