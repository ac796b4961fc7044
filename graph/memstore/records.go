package memstore

import (
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// cableRec is a Cable node with every fact written for it, kept so that a
// replacement can unlink exactly what the old version linked.
type cableRec struct {
	id             string
	slot           uint32
	created        *time.Time
	classification string
	origin         string
	subject, body  string
	tags           []string    // distinct, in written order
	tagInfo        []graph.Tag // meaning and kind per entry of tags
	hash           string
	doc            *graph.Cable // the written cable, body text not duplicated (skeleton)
	spans          []paraSpan   // paragraph texts within doc.Body

	originCountry string                          // ORIGINATED_IN, "" when none
	concerns      map[string]int                  // CONCERNS: country code -> count
	countryNames  map[string]string               // country code -> name as mentioned
	persons       map[string]*graph.PersonMention // MENTIONED_IN, merged per key
	cites         []citeRec                       // CITES, distinct (id, letter)
	orgs          map[string]graph.OrgMention     // MENTIONS_ORG, merged per key
	interactions  []*interRec                     // INTERACTED edges from this cable

	terms  map[string]uint32 // term frequencies, from prepare until indexed
	docLen int               // tokens in subject and body, for BM25
	nterms int               // distinct terms, for index compaction accounting
}

type citeRec struct {
	id, letter, raw string
}

// interRec is one INTERACTED relationship.
type interRec struct {
	in     graph.Interaction // Cable set to the owning cable, Date normalised
	cable  *cableRec
	topics []string // lower-case
}

// personRec is a Person node: its aggregate is recomputed from the mentions
// still in the graph after every write touching it.
type personRec struct {
	key      string
	mentions map[*cableRec]*graph.PersonMention
	inter    map[*interRec]struct{} // INTERACTED edges at either end
	agg      graph.Person
	forms    []string // normalised forms indexed in Store.names
	surname  string   // NameKey indexed in Store.surnames
}

// countryRec is a Country node.
type countryRec struct {
	code       string
	name       string
	concerns   map[*cableRec]struct{}
	origins    map[*cableRec]struct{}
	affiliated map[string]struct{} // person keys
}

// tagRec is a Tag node; infos holds what each cable says the tag means.
type tagRec struct {
	code   string
	cables map[*cableRec]graph.Tag
	agg    graph.Tag
}

// refRec is a Reference node: a cited cable id, loaded or a ghost.
type refRec struct {
	id     string
	citers map[*cableRec][]citeRec
	raw    string
}

// orgRec is an Organization node.
type orgRec struct {
	key      string
	mentions map[*cableRec]graph.OrgMention
	agg      graph.Organization
}
