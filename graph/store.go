package graph

import (
	"cmp"
	"context"
	"errors"
	"strings"
	"time"
)

// ErrNotFound is returned (wrapped) by single-item lookups when nothing
// matches. Lookups never return (nil, nil).
var ErrNotFound = errors.New("not found")

// ErrInvalid is returned (wrapped) when the caller's arguments are wrong,
// for example a bad cursor; its message is safe to show to users.
var ErrInvalid = errors.New("invalid argument")

// Person is a Person node: one real person across all cables.
type Person struct {
	Key       string   `json:"key"`
	Name      string   `json:"name"` // fullest form seen
	Surname   string   `json:"surname"`
	Aliases   []string `json:"aliases"`   // sorted, distinct
	Roles     []string `json:"roles"`     // sorted, distinct
	Countries []string `json:"countries"` // codes, sorted, distinct
	How       []string `json:"how"`       // rules that found them, sorted, distinct
	Cables    int      `json:"cables"`    // number of cables mentioning them
}

// Brief is the person with only the fields that stay short however many
// cables name them (key, names, cable count): a person's aliases and
// roles grow with every cable, and a hub's run to thousands of strings
// (in the release's size corpus, 134 KB of aliases for one), which a
// client asking for names alone should not pay for.
func (p *Person) Brief() *Person {
	return &Person{Key: p.Key, Name: p.Name, Surname: p.Surname, Cables: p.Cables}
}

// CablePageFields says what a one-statement read of a cable(id) page
// returns besides the cable's document (see resolvers' cablePageSource).
type CablePageFields struct {
	Body         bool // the cable's body, most of a document's bytes
	Persons      bool // its persons
	BriefPersons bool // with Persons: each person Brief
	CitedBy      bool // the citations of it and the citing cables' summaries
}

// Country is a Country node.
type Country struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Cables int    `json:"cables"` // cables concerning it (CONCERNS or ORIGINATED_IN)
}

// Tag is a Tag node.
type Tag struct {
	Code    string `json:"code"`
	Meaning string `json:"meaning"` // "" when unknown
	Kind    string `json:"kind"`    // TagSubject, TagGeographic, ...
	Cables  int    `json:"cables"`
}

// Tag kinds.
const (
	TagSubject      = "subject"
	TagGeographic   = "geographic"
	TagOrganization = "organization"
	TagProgram      = "program"
	TagPerson       = "person"
	TagUnknown      = "unknown"
)

// Organization is an Organization node.
type Organization struct {
	Key    string `json:"key"`
	Name   string `json:"name"`
	Kind   string `json:"kind"`
	Cables int    `json:"cables"`
}

// Citation is an incoming CITES edge: cable From cites the cable asked about.
type Citation struct {
	From   string `json:"from"`
	Letter string `json:"letter"`
}

// CableFilter selects cables. Zero fields do not filter. All set fields
// must match (AND); Tags must all be present.
type CableFilter struct {
	IDs            []string
	Tags           []string
	Country        string     // code: ORIGINATED_IN or CONCERNS
	Origin         string     // origin post, case-insensitive exact
	Classification string     // normalised level, exact
	Since, Until   *time.Time // Created within [Since, Until]
	Person         string     // person key
	Text           string     // words that must all occur in subject or body (case-insensitive)
}

// CableOrder orders cable lists. Ties are always broken by ID ascending.
type CableOrder string

// Cable orders.
const (
	OrderCreatedAsc  CableOrder = "CREATED_ASC"
	OrderCreatedDesc CableOrder = "CREATED_DESC" // the default
	OrderIDAsc       CableOrder = "ID_ASC"
)

// Page is an offset window. Resolvers turn Relay cursors into offsets.
type Page struct {
	Offset int
	Limit  int
}

// IDPage is one page of ids with the total count of matches.
type IDPage struct {
	IDs   []string
	Total int
}

// SearchHit is one full-text match.
type SearchHit struct {
	CableID string  `json:"cableId"`
	Score   float64 `json:"score"`
}

// CompareSearchHits is the order of Search pages: score descending, then
// cable id ascending, so that ties come in the same order from every store.
func CompareSearchHits(a, b SearchHit) int {
	if c := cmp.Compare(b.Score, a.Score); c != 0 {
		return c
	}
	return strings.Compare(a.CableID, b.CableID)
}

// SearchPage is one page of full-text matches, best first.
type SearchPage struct {
	Hits  []SearchHit
	Total int
}

// InteractionFilter selects interactions. Zero fields do not filter.
type InteractionFilter struct {
	Persons []string // either end is one of these keys
	Cables  []string
	// Topics matches when any code or word of an interaction's Topics equals
	// (case-insensitively) any of these, or when its cable is tagged with any.
	Topics            []string
	Since, Until      *time.Time
	Kinds             []string // nil means every kind except coMentioned
	IncludeCoMentions bool
	Limit             int // 0 means no limit
}

// NodeRef names a node of any kind.
type NodeRef struct {
	Kind string `json:"kind"` // KindCable, KindPerson, ...
	ID   string `json:"id"`   // cable id, person key, country code, tag code, org key, reference id
}

// Node kinds.
const (
	KindCable        = "Cable"
	KindPerson       = "Person"
	KindCountry      = "Country"
	KindTag          = "Tag"
	KindReference    = "Reference"
	KindOrganization = "Organization"
)

// Relationship types.
const (
	RelTagged         = "TAGGED"
	RelOriginatedIn   = "ORIGINATED_IN"
	RelConcerns       = "CONCERNS"
	RelCites          = "CITES"
	RelResolvesTo     = "RESOLVES_TO"
	RelMentionedIn    = "MENTIONED_IN"
	RelClassified     = "CLASSIFIED"
	RelSigned         = "SIGNED"
	RelInteracted     = "INTERACTED"
	RelAffiliatedWith = "AFFILIATED_WITH"
	RelMentionsOrg    = "MENTIONS_ORG"
)

// Edge is an adjacency used by neighbourhood and path queries. For
// INTERACTED edges between two persons Weight is the number of interactions.
type Edge struct {
	Source NodeRef `json:"source"`
	Target NodeRef `json:"target"`
	Kind   string  `json:"kind"`
	Weight int     `json:"weight"`
}

// Stats describes the whole graph.
type Stats struct {
	Nodes         map[string]int `json:"nodes"`         // label -> count
	Relationships map[string]int `json:"relationships"` // type -> count
	Dataset       DatasetInfo    `json:"dataset"`
}

// DatasetInfo records what was loaded and when.
type DatasetInfo struct {
	Version  string     `json:"version"` // content hash over the loaded cables' hashes
	LoadedAt *time.Time `json:"loadedAt"`
	Cables   int        `json:"cables"`
}

// Reader answers questions. Every method takes the request context, whose
// deadline must reach the database. Results are deterministic: both stores
// must return the same answer for the same graph (the storetest suite checks
// it), so every list has a defined order.
type Reader interface {
	// Cables returns the cables with these ids, in the order asked, skipping
	// ids that are not loaded.
	Cables(ctx context.Context, ids []string) ([]*Cable, error)
	// ListCables returns matching cable ids in the given order.
	ListCables(ctx context.Context, f CableFilter, order CableOrder, p Page) (IDPage, error)
	// Search runs a full-text query over subject and body. Ranking may
	// differ between stores; the set of matching cables must not.
	Search(ctx context.Context, query string, p Page) (SearchPage, error)
	// CitedBy returns the cables citing id (loaded or not), by From.
	CitedBy(ctx context.Context, ids []string) (map[string][]Citation, error)

	// Persons returns persons by key, skipping unknown keys.
	Persons(ctx context.Context, keys []string) ([]*Person, error)
	// FindPersons returns persons whose name, surname or any alias matches
	// the normalised query exactly (see NormalizeName), most cables first.
	FindPersons(ctx context.Context, name string, limit int) ([]*Person, error)
	// ListPersons returns persons whose normalised name or alias contains
	// the normalised query ("" lists all), most cables first, then key.
	ListPersons(ctx context.Context, query string, p Page) ([]*Person, int, error)
	// PersonsOfCables returns, per cable id, the persons mentioned in it.
	PersonsOfCables(ctx context.Context, ids []string) (map[string][]*Person, error)

	// Interactions returns matching interactions ordered by date, cable,
	// paragraph, a, b, kind.
	Interactions(ctx context.Context, f InteractionFilter) ([]Interaction, error)

	// Country looks up a country by code or by name (case-insensitive).
	Country(ctx context.Context, codeOrName string) (*Country, error)
	// Tag looks up a tag by code (case-insensitive).
	Tag(ctx context.Context, code string) (*Tag, error)
	// TagsByMeaning returns tags whose meaning contains the text, by code.
	TagsByMeaning(ctx context.Context, text string) ([]*Tag, error)
	// Organizations returns organizations by key, skipping unknown keys.
	Organizations(ctx context.Context, keys []string) ([]*Organization, error)

	// Edges returns every relationship touching any of the nodes, ordered
	// by kind, source, target; at most limit (0 means no limit), and the
	// number of edges there were in all.
	Edges(ctx context.Context, nodes []NodeRef, limit int) ([]Edge, int, error)

	// CableDates returns the created dates of the matching cables (cables
	// with no date are left out), ascending.
	CableDates(ctx context.Context, f CableFilter) ([]time.Time, error)

	// Stats counts nodes and relationships.
	Stats(ctx context.Context) (*Stats, error)

	// Ping checks the store answers.
	Ping(ctx context.Context) error
}

// Writer changes the graph. WriteCables is atomic per call and replaces
// every fact of each given cable (no stale edges): loading the same cables
// twice leaves the same graph.
type Writer interface {
	// EnsureSchema creates constraints and indexes; idempotent.
	EnsureSchema(ctx context.Context) error
	// CableHashes returns the stored content hash of each loaded cable.
	CableHashes(ctx context.Context, ids []string) (map[string]string, error)
	// WriteCables stores the cables with their content hashes (same length).
	WriteCables(ctx context.Context, cables []*Cable, hashes []string) error
	// SetDataset records the dataset version.
	SetDataset(ctx context.Context, d DatasetInfo) error
}

// Store is a Reader and a Writer that must be closed.
type Store interface {
	Reader
	Writer
	Close(ctx context.Context) error
}
