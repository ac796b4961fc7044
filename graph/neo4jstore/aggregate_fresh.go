package neo4jstore

import "strings"

// freshFacts are the new facts some writes added to shared nodes, already
// folded per node: one mention per person (with the number of cables it
// stands for) and one value per Tag, Country, Organization and Reference.
// Folding is exact because every pick rule is a selection by a total order
// (see graph/pick.go), so the facts of a whole load fit in memory
// proportional to the number of distinct nodes, not of cables.
type freshFacts struct {
	persons     map[string]*freshPerson
	personOrder []string
	nodes       []map[string][]string // per nodeSpecs index: key -> combined values
	nodeOrder   [][]string
}

type freshPerson struct {
	m        mention
	n        int             // new cables mentioning the person
	partners map[string]bool // new partners (see partnersOf), nil for none
}

func newFreshFacts() *freshFacts {
	f := &freshFacts{
		persons:   map[string]*freshPerson{},
		nodes:     make([]map[string][]string, len(nodeSpecs)),
		nodeOrder: make([][]string, len(nodeSpecs)),
	}
	for i := range f.nodes {
		f.nodes[i] = map[string][]string{}
	}
	return f
}

// addPerson folds one more view of a person standing for n cables.
func (f *freshFacts) addPerson(key string, m mention, n int) {
	cur, ok := f.persons[key]
	if !ok {
		f.persons[key] = &freshPerson{m: foldMentions(key, []mention{m}), n: n}
		f.personOrder = append(f.personOrder, key)
		return
	}
	cur.m = foldMentions(key, []mention{cur.m, m})
	cur.n += n
}

// addNode folds one more value into node key of nodeSpecs[i].
func (f *freshFacts) addNode(i int, key string, v []string) {
	cur, ok := f.nodes[i][key]
	if !ok {
		f.nodeOrder[i] = append(f.nodeOrder[i], key)
		f.nodes[i][key] = nodeSpecs[i].combine([][]string{v})
		return
	}
	f.nodes[i][key] = nodeSpecs[i].combine([][]string{cur, v})
}

// merge folds g into f.
func (f *freshFacts) merge(g *freshFacts) {
	for _, k := range g.personOrder {
		p := g.persons[k]
		f.addPerson(k, p.m, p.n)
		f.addPartners(k, p.partners)
	}
	for i := range g.nodes {
		for _, k := range g.nodeOrder[i] {
			f.addNode(i, k, g.nodes[i][k])
		}
	}
}

// foldMentions is the aggregate of ms as a mention.
func foldMentions(key string, ms []mention) mention {
	p := aggregate(key, ms)
	return mention{Name: p.Name, Surname: p.Surname, Aliases: p.Aliases, Roles: p.Roles, How: p.How, Countries: p.Countries}
}

// freshOf folds the new facts of one batch. Its strings are copies: the
// batch's come from the loader's cables, and a cable decoded from the
// loader's spool has every string in one buffer of its whole record, body
// included; the import writer keeps these facts until the end, and a key
// sliced from a record kept that record alive (gigabytes at full size).
func freshOf(b *batchRows) *freshFacts {
	f := newFreshFacts()
	own := func(v any) string { return strings.Clone(str(v)) }
	owns := func(v any) []string {
		l := strList(v)
		for i, s := range l {
			l[i] = strings.Clone(s)
		}
		return l
	}
	for _, r := range b.mentioned {
		m := r.(map[string]any)
		f.addPerson(own(m["key"]), mention{
			Name: own(m["name"]), Surname: own(m["surname"]), Countries: distinct([]string{own(m["country"])}),
			Aliases: owns(m["aliases"]), Roles: owns(m["roles"]), How: owns(m["how"]),
		}, 1)
	}
	for _, r := range b.interacted {
		m := r.(map[string]any)
		a, o := own(m["a"]), own(m["b"])
		if linksPartners(str(m["kind"]), a, o) {
			f.addPartners(a, map[string]bool{o: true})
			f.addPartners(o, map[string]bool{a: true})
		}
	}
	for i, spec := range nodeSpecs {
		for _, r := range spec.rows(b) {
			m := r.(map[string]any)
			v := make([]string, len(spec.fields))
			for j, fld := range spec.fields {
				v[j] = own(m[fld])
			}
			f.addNode(i, own(m[spec.rowKey]), v)
		}
	}
	return f
}
