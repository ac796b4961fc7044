package neo4jstore

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

func TestBuildRowsRejectsBadInput(t *testing.T) {
	c := &graph.Cable{ID: "08MOSCOW235"}
	tests := []struct {
		name   string
		cables []*graph.Cable
		hashes []string
	}{
		{"length mismatch", []*graph.Cable{c}, nil},
		{"nil cable", []*graph.Cable{nil}, []string{"h"}},
		{"empty id", []*graph.Cable{{}}, []string{"h"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := buildRows(tt.cables, tt.hashes); !errors.Is(err, graph.ErrInvalid) {
				t.Fatalf("err = %v, want graph.ErrInvalid", err)
			}
		})
	}
}

func TestBuildRowsFollowsTheModel(t *testing.T) {
	loc := time.FixedZone("MSK", 3*3600)
	created := time.Date(2008, 1, 30, 18, 43, 12, 999, loc)
	c := &graph.Cable{
		ID: "08MOSCOW235", Created: &created,
		Tags:    []string{"PREL", "KV", "PREL", ""},
		TagInfo: []graph.Tag{{Code: "PREL", Meaning: "External political relations", Kind: graph.TagSubject}},
		Countries: []graph.CountryMention{
			{Code: "RS", Name: "Russia", Count: 2, Origin: true},
			{Code: "RS", Name: "Russian Federation", Count: 1},
			{Code: "KV", Name: "Kosovo", Count: 3},
		},
		References: []graph.Ref{
			{ID: "07MOSCOW5555", Kind: graph.RefCable, Letter: "A", Raw: "07 MOSCOW 5555"},
			{ID: "07MOSCOW5555", Kind: graph.RefCable, Letter: "A", Raw: "07 MOSCOW 5555"},
			{ID: "08MOSCOW235", Kind: graph.RefCable, Letter: "B"},
			{ID: "", Kind: graph.RefCable, Letter: "C"},
			{Raw: "EMAIL", Kind: graph.RefEmail, Letter: "D"},
		},
		Persons: []graph.PersonMention{
			{Key: "lavrov-sergey", Name: "Lavrov", Count: 1, Paragraphs: []int{3}, How: []string{"name"}},
			{Key: "lavrov-sergey", Name: "Sergey Lavrov", Count: 2, Paragraphs: []int{1, 3}, How: []string{"signature"}},
			{Key: "burns-william", Name: "William Burns", Count: 1, How: []string{"classifiedBy"}},
			{Key: "", Name: "nobody"},
		},
		Interactions: []graph.Interaction{
			{A: "burns-william", B: "lavrov-sergey", Kind: graph.InteractionMet, Paragraph: 1, Evidence: "met"},
			{A: "burns-william", B: "lavrov-sergey", Kind: graph.InteractionMet, Paragraph: 1, Evidence: "met"},
			{A: "burns-william", B: "post:Embassy Moscow", Kind: graph.InteractionTold, Paragraph: 2},
		},
	}
	b, err := buildRows([]*graph.Cable{c}, []string{"h1"})
	if err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{
		"TAGGED": len(b.tagged), "ORIGINATED_IN": len(b.originated), "CONCERNS": len(b.concerns),
		"CITES": len(b.cites), "MENTIONED_IN": len(b.mentioned), "CLASSIFIED": len(b.classified),
		"SIGNED": len(b.signed), "INTERACTED": len(b.interacted),
	}
	want := map[string]int{
		"TAGGED": 2, "ORIGINATED_IN": 1, "CONCERNS": 2, "CITES": 1, "MENTIONED_IN": 2,
		"CLASSIFIED": 1, "SIGNED": 1, "INTERACTED": 1,
	}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("relationship rows = %v, want %v", counts, want)
	}
	if got := b.concerns[0].(map[string]any); got["count"] != int64(3) || got["name"] != "Russia" {
		t.Errorf("merged RS concern = %v, want count 3 and the first name", got)
	}
	if got := b.tagged[1].(map[string]any); got["kind"] != graph.TagUnknown {
		t.Errorf("KV without TagInfo has kind %v, want %q", got["kind"], graph.TagUnknown)
	}
	lavrov := b.mentioned[0].(map[string]any)
	if lavrov["name"] != "Sergey Lavrov" || lavrov["count"] != int64(3) {
		t.Errorf("merged Lavrov mention = %v, want longest name and summed count", lavrov)
	}
	if got := b.cables[0].(map[string]any)["created"].(time.Time); got.Location() != time.UTC || got.Nanosecond() != 0 {
		t.Errorf("created = %v, want UTC truncated to the second", got)
	}
	if !reflect.DeepEqual(b.refIDs, []string{"07MOSCOW5555"}) {
		t.Errorf("refIDs = %v", b.refIDs)
	}
}

func TestBuildRowsLastVersionWins(t *testing.T) {
	cs := storetest.HandBuilt()
	changed := storetest.Changed()
	b, err := buildRows(append(cs, changed), append(hashesOf(cs), "new"))
	if err != nil {
		t.Fatal(err)
	}
	if len(b.ids) != len(cs) {
		t.Fatalf("%d cables written, want %d (the duplicate replaced)", len(b.ids), len(cs))
	}
	for _, r := range b.cables {
		m := r.(map[string]any)
		if m["id"] == changed.ID && m["hash"] != "new" {
			t.Errorf("%s written with hash %v, want the last version's", changed.ID, m["hash"])
		}
	}
}

func TestLuceneQuery(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Kosovo", `+"kosovo"`},
		{"kosovo  status", `+"kosovo" +"status"`},
		{`"foreign minister" Lavrov`, `+"foreign" +"minister" +"foreign minister" +"lavrov"`},
		{"U.S. policy", `+"u.s" +"policy"`},
		{"title:secret OR *", `+"title:secret" +"or"`},
		{"1.4(b)", `+"1.4" +"b"`},
		{`"unterminated phrase`, `+"unterminated" +"phrase" +"unterminated phrase"`},
		{"  --- ", ``},
	}
	for _, tt := range tests {
		if got := luceneQuery(tt.in); got != tt.want {
			t.Errorf("luceneQuery(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestPickRules(t *testing.T) {
	tests := []struct {
		name         string
		a, b, want   string
		smallestWant string
	}{
		{"longer wins", "Lavrov", "Sergey Lavrov", "Sergey Lavrov", "Lavrov"},
		{"runes not bytes", "Tadić", "Tadic", "Tadic", "Tadic"},
		{"tie lexical", "Bbb", "Aaa", "Aaa", "Aaa"},
		{"empty never wins", "", "X", "X", "X"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := graph.PickLongest(tt.a, tt.b); got != tt.want {
				t.Errorf("pickLongest = %q, want %q", got, tt.want)
			}
			if got := graph.PickLongest(tt.b, tt.a); got != tt.want {
				t.Errorf("pickLongest reversed = %q, want %q", got, tt.want)
			}
			if got := graph.PickSmallest(tt.a, tt.b); got != tt.smallestWant {
				t.Errorf("pickSmallest = %q, want %q", got, tt.smallestWant)
			}
		})
	}
	if n, k := graph.PickPair("NATO", graph.TagUnknown, "NATO", "international"); n != "NATO" || k != "international" {
		t.Errorf("pickPair prefers a known kind: got %q %q", n, k)
	}
}

func TestAggregateFoldsLikeRecompute(t *testing.T) {
	ms := []mention{
		{Name: "Lavrov", Surname: "Lavrov", Aliases: []string{"LAVROV"}, How: []string{"name"}, Countries: []string{"RS"}},
		{Name: "Sergey Lavrov", Aliases: []string{"FM Lavrov", "LAVROV"}, Roles: []string{"Foreign Minister"}},
		{Name: "S. Lavrov", How: []string{"title+name"}, Countries: []string{"RS", "KV"}},
	}
	all := aggregate("lavrov-sergey", ms)
	cur := aggregate("lavrov-sergey", ms[:2])
	folded := aggregate("lavrov-sergey", []mention{{
		Name: cur.Name, Surname: cur.Surname, Aliases: cur.Aliases, Roles: cur.Roles, How: cur.How, Countries: cur.Countries,
	}, ms[2]})
	if !reflect.DeepEqual(all, folded) {
		t.Errorf("folding into the current aggregate gives %+v, recomputing gives %+v", folded, all)
	}
	if all.Name != "Sergey Lavrov" || !reflect.DeepEqual(all.Countries, []string{"KV", "RS"}) {
		t.Errorf("aggregate = %+v", all)
	}
}
