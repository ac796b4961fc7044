package neo4jstore

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

// freshOf folds the new facts of one batch.
func freshOf(b *batchRows) *freshFacts {
	f := newFreshFacts()
	for _, r := range b.mentioned {
		m := r.(map[string]any)
		f.addPerson(m["key"].(string), mention{
			Name: str(m["name"]), Surname: str(m["surname"]), Countries: distinct([]string{str(m["country"])}),
			Aliases: strList(m["aliases"]), Roles: strList(m["roles"]), How: strList(m["how"]),
		}, 1)
	}
	for _, r := range b.interacted {
		m := r.(map[string]any)
		a, o := m["a"].(string), m["b"].(string)
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
				v[j] = str(m[fld])
			}
			f.addNode(i, m[spec.rowKey].(string), v)
		}
	}
	return f
}
