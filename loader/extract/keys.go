package extract

import (
	"sort"
	"strings"
)

// ResolveKeys maps person keys seen across a corpus (key -> number of
// cables) to canonical keys: a bare surname key ("putin") is folded into
// its qualified variant ("putin|RS") when that variant is the only one or
// holds at least 80% of the qualified mentions; otherwise it stays apart,
// because the evidence does not say which person it is. Qualified keys
// always map to themselves. The loader calls it once per load, after
// extraction, so that stores merge what one cable alone could not.
func ResolveKeys(counts map[string]int) map[string]string {
	qualified := map[string][]string{}
	for k := range counts {
		if i := strings.IndexByte(k, '|'); i > 0 {
			qualified[k[:i]] = append(qualified[k[:i]], k)
		}
	}
	out := make(map[string]string, len(counts))
	for k := range counts {
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
	}
	return out
}
