package graph

import "time"

// The types below are the answers of the relationship questions (package
// graph/query computes them from a Reader, the same code for every store,
// so both stores give the same answers by construction).

// Evidence is one sentence that proves a link.
type Evidence struct {
	Cable     string     `json:"cable"`
	Paragraph int        `json:"paragraph"`
	Sentence  string     `json:"sentence"`
	Kind      string     `json:"kind"`
	Date      *time.Time `json:"date"`
}

// Discussion is a pair of persons who discussed a topic, with the proof.
type Discussion struct {
	A, B      string // person keys, A < B
	Count     int
	FirstDate *time.Time
	LastDate  *time.Time
	Cables    []string // distinct, by date then id
	Evidence  []Evidence
	Score     float64 // ranking: weighted count (coMentioned weighs less)
}

// DiscussionQuery asks who discussed a topic with whom.
type DiscussionQuery struct {
	Topic             string
	Since, Until      *time.Time
	IncludeCoMentions bool
	First             int
}

// Hop is one step of a connection between two persons.
type Hop struct {
	From, To string // person keys
	Kind     string // interaction kind, or "sharedCable"
	Evidence []Evidence
}

// Connection is the shortest chain of persons linking A to B.
type Connection struct {
	A, B    string
	Persons []string // keys from A to B inclusive; empty when none
	Hops    []Hop
	Reason  string // why it is empty ("no path within 4 hops", "unknown person X")
}

// ConnectionQuery asks for the chain between two persons.
type ConnectionQuery struct {
	A, B         string // names or keys
	MaxHops      int
	Since, Until *time.Time
	SharedCables bool // also link persons mentioned in the same cable
}

// SubgraphNode is a node in a visualisation-ready subgraph.
type SubgraphNode struct {
	ID         string            `json:"id"` // "Kind:id", unique across kinds
	Kind       string            `json:"kind"`
	Label      string            `json:"label"`
	Properties map[string]string `json:"properties"`
}

// SubgraphEdge joins two SubgraphNode ids.
type SubgraphEdge struct {
	Source string `json:"source"`
	Target string `json:"target"`
	Kind   string `json:"kind"`
	Weight int    `json:"weight"`
}

// Subgraph is a set of nodes and edges, cut at a limit.
type Subgraph struct {
	Nodes     []SubgraphNode `json:"nodes"`
	Edges     []SubgraphEdge `json:"edges"`
	Truncated bool           `json:"truncated"`
	Omitted   int            `json:"omitted"` // nodes left out by the limit
}

// Bucket is a count for one period of a timeline.
type Bucket struct {
	Start time.Time
	Count int
}
