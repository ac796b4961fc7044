package extract

import (
	"sort"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// GivenSep joins a person key and a given-name key ("davis" + GivenSep +
// "terry") in the input and output of ResolveKeys.
const GivenSep = "\x00"

// GivenKey is the folded first given name of a mention ("Terry Davis" ->
// "terry", "B. Davis" -> "b", "Sergei Lavrov" -> "sergey"), or "" when the
// name is the surname alone.
func GivenKey(name, surname string) string {
	w := strings.Fields(name)
	if len(w) < 2 {
		return ""
	}
	first := strings.TrimRight(w[0], ".,")
	if strings.EqualFold(first, surname) || strings.EqualFold(w[0], surname) {
		return ""
	}
	return graph.NameKey(first)
}

// ResolveKeys maps person keys seen across a corpus (key -> number of
// cables) to canonical keys: a bare surname key ("putin") is folded into
// its qualified variant ("putin|RS") when that variant is the only one or
// holds at least 80% of the qualified mentions; otherwise it stays apart,
// because the evidence does not say which person it is. Qualified keys
// always map to themselves. The loader calls it once per load, after
// extraction, so that stores merge what one cable alone could not.
//
// Given names refine the fold per mention. counts may also hold entries
// key+GivenSep+given (cables where a mention with that key had that given
// name, see GivenKey). A bare mention whose given name differs from every
// given name of the chosen variant stays apart (Terry Davis of the Council
// of Europe is not the US Davis called Ben); one whose given name only one
// qualified variant shares goes to that variant even when the counts alone
// would not decide. Such per-name answers are returned under
// key+GivenSep+given; a mention with no given name, or with one the output
// does not list, takes the answer for its key.
func ResolveKeys(counts map[string]int) map[string]string {
	qualified := map[string][]string{}
	given := map[string][]string{} // key -> given keys seen with it
	for k := range counts {
		if i := strings.Index(k, GivenSep); i >= 0 {
			given[k[:i]] = append(given[k[:i]], k[i+len(GivenSep):])
			continue
		}
		if i := strings.IndexByte(k, '|'); i > 0 {
			qualified[k[:i]] = append(qualified[k[:i]], k)
		}
	}
	out := make(map[string]string, len(counts))
	for k := range counts {
		if strings.Contains(k, GivenSep) {
			continue
		}
		out[k] = k
		if strings.IndexByte(k, '|') >= 0 {
			continue
		}
		vs := qualified[k]
		if len(vs) == 0 {
			continue
		}
		sort.Slice(vs, func(i, j int) bool {
			if counts[vs[i]] != counts[vs[j]] {
				return counts[vs[i]] > counts[vs[j]]
			}
			return vs[i] < vs[j]
		})
		total := 0
		for _, v := range vs {
			total += counts[v]
		}
		if len(vs) == 1 || counts[vs[0]]*5 >= total*4 {
			out[k] = vs[0]
		}
		for _, g := range given[k] {
			var sharing []string
			for _, v := range vs {
				if hasGiven(given[v], g) {
					sharing = append(sharing, v)
				}
			}
			switch {
			case len(sharing) == 1 && sharing[0] != out[k]:
				out[k+GivenSep+g] = sharing[0]
			case out[k] != k && len(given[out[k]]) > 0 && !compatibleGiven(given[out[k]], g):
				out[k+GivenSep+g] = k
			}
		}
	}
	return out
}

// hasGiven reports whether gs holds g itself (not only a matching initial).
func hasGiven(gs []string, g string) bool {
	for _, x := range gs {
		if x == g && len(g) > 1 {
			return true
		}
	}
	return false
}

// compatibleGiven reports whether g may name the same person as one of gs:
// the same name, or an initial that matches ("B." and "Ben").
func compatibleGiven(gs []string, g string) bool {
	for _, x := range gs {
		if x == g || (len(x) == 1 || len(g) == 1) && x != "" && g != "" && x[0] == g[0] {
			return true
		}
	}
	return false
}
