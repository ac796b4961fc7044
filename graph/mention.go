package graph

import "slices"

// MergeMention folds a second mention of the same person key in one cable
// into the first: counts add up, the longest name and surname win (see
// PickLongest), the first known country stays, and aliases, roles, rules
// and paragraphs become sorted distinct unions. Both stores apply it to a
// cable that names one key twice, so they store the same mention.
func MergeMention(dst *PersonMention, src PersonMention) {
	dst.Count += src.Count
	dst.Name = PickLongest(dst.Name, src.Name)
	dst.Surname = PickLongest(dst.Surname, src.Surname)
	if dst.Country == "" {
		dst.Country = src.Country
	}
	dst.Aliases = sortedUnion(dst.Aliases, src.Aliases)
	dst.Roles = sortedUnion(dst.Roles, src.Roles)
	dst.How = sortedUnion(dst.How, src.How)
	ps := append(slices.Clone(dst.Paragraphs), src.Paragraphs...)
	slices.Sort(ps)
	dst.Paragraphs = slices.Compact(ps)
}

func sortedUnion(a, b []string) []string {
	out := append(slices.Clone(a), b...)
	slices.Sort(out)
	return slices.Compact(out)
}
