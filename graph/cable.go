// Package graph holds cablegraph's domain: the parsed cable with what was
// extracted from it, the nodes and relationships of the knowledge graph, and
// the Reader and Writer interfaces every store implements.
//
// It imports only the standard library so that the parser, the extractor,
// both stores and the GraphQL layer can all depend on it without pulling in
// a database driver or gqlgen: dependencies point toward this package.
package graph

import (
	"time"
)

// Cable is one diplomatic cable as parsed from any input format, plus the
// entities extracted from it. It is also the JSON contract of
// `cablegraph parse` (one object per line), hence the camelCase tags.
//
// Absent values are zero values in Go (empty string, nil slice, nil
// pointer) and are written as JSON null: the parser never guesses.
type Cable struct {
	ID             string      `json:"id"`
	Created        *time.Time  `json:"created"`
	Released       *time.Time  `json:"released"`
	Classification string      `json:"classification"` // normalised, see Classification* constants
	Caveats        []string    `json:"caveats"`        // NOFORN, SIPDIS, ...
	Origin         string      `json:"origin"`         // "Embassy Moscow"
	DTG            string      `json:"dtg"`            // "301543Z JAN 08"
	Precedence     string      `json:"precedence"`     // IMMEDIATE, PRIORITY, ROUTINE, ...
	From           string      `json:"from"`
	To             []string    `json:"to"`
	Info           []string    `json:"info"`
	Addressees     []string    `json:"addressees"` // handling lines after the banner: "NSC FOR HELGERSON"
	Subject        string      `json:"subject"`
	Tags           []string    `json:"tags"`
	References     []Ref       `json:"references"`
	ClassifiedBy   *Classifier `json:"classifiedBy"`
	Declassify     string      `json:"declassify"` // as normalised by the parser: "2018-01-30" or a code such as "X1"
	Signature      string      `json:"signature"`  // signer as written, e.g. "BURNS"
	Summary        string      `json:"summary"`
	Paragraphs     []Paragraph `json:"paragraphs"`
	Body           string      `json:"body"` // clean body text
	Source         Source      `json:"source"`

	// Filled by loader/extract.
	TagInfo       []Tag            `json:"tagInfo,omitempty"` // meaning and kind per tag, same order as Tags
	Persons       []PersonMention  `json:"persons,omitempty"`
	Countries     []CountryMention `json:"countries,omitempty"`
	Organizations []OrgMention     `json:"organizations,omitempty"`
	Interactions  []Interaction    `json:"interactions,omitempty"`
}

// Classification levels after normalisation.
const (
	Unclassified     = "UNCLASSIFIED"
	UnclassifiedFOUO = "UNCLASSIFIED//FOR OFFICIAL USE ONLY"
	Confidential     = "CONFIDENTIAL"
	ConfidentialNF   = "CONFIDENTIAL//NOFORN"
	Secret           = "SECRET"
	SecretNF         = "SECRET//NOFORN"
)

// Ref is one entry of a cable's REF section.
type Ref struct {
	Raw    string `json:"raw"`    // the text as written, e.g. "07 MOSCOW 5555"
	ID     string `json:"id"`     // canonical cable id when it is a cable ("07MOSCOW5555"), else ""
	Kind   string `json:"kind"`   // RefCable, RefEmail, RefMemo, ...
	Letter string `json:"letter"` // "A", "B", ... or "" when unlettered
}

// Reference kinds.
const (
	RefCable  = "cable"
	RefEmail  = "email"
	RefMemo   = "memo"
	RefTelcon = "telcon"
	RefIIR    = "iir"
	RefDTG    = "dtg"
	RefOther  = "other"
)

// Classifier is the "Classified By" line.
type Classifier struct {
	Name    string   `json:"name"`    // "Alice G. Wells", or "" when the line names nobody
	Title   string   `json:"title"`   // "Political Minister-Counselor"
	Reasons []string `json:"reasons"` // ["1.4 (b/d)"] or ["1.4(b)", "1.4(d)"] as written, normalised spacing
}

// Paragraph is a numbered paragraph of the body. Number is 0 for
// unnumbered text (for example a lead-in before paragraph 1).
type Paragraph struct {
	Number  int    `json:"number"`
	Marking string `json:"marking"` // "C", "SBU", "S/NF", ... without parentheses; "" when unmarked
	Text    string `json:"text"`
}

// Source says where a cable was read from, so that every fact can be traced
// back to a file and a record.
type Source struct {
	Path   string `json:"path"`
	Format string `json:"format"` // FormatPage, FormatHTML, FormatBody, FormatCSV, FormatTelegram
	Record int    `json:"record"` // 1-based record number in a multi-record file (CSV), else 0
}

// Input formats.
const (
	FormatPage     = "page"     // rendered page text (the seed)
	FormatHTML     = "html"     // cablegate HTML page or fragment
	FormatBody     = "body"     // body-only text
	FormatCSV      = "csv"      // the release's cables.csv
	FormatTelegram = "telegram" // plain telegram text
)

// PersonMention is a person as found in one cable.
type PersonMention struct {
	Key        string   `json:"key"`        // cross-cable identity, see PersonKey
	Name       string   `json:"name"`       // fullest form in this cable: "Sergey Lavrov"
	Surname    string   `json:"surname"`    // "Lavrov"
	Aliases    []string `json:"aliases"`    // every form seen: "FM Lavrov", "LAVROV"
	Roles      []string `json:"roles"`      // "Foreign Minister"
	Country    string   `json:"country"`    // ISO-like State Department code the text ties them to ("RS"), or ""
	How        []string `json:"how"`        // rules that found them: "classifiedBy", "signature", "title+name", ...
	Count      int      `json:"count"`      // mentions in this cable
	Paragraphs []int    `json:"paragraphs"` // paragraph numbers mentioning them
}

// CountryMention is a country referred to by a cable.
type CountryMention struct {
	Code   string `json:"code"` // State Department TAGS code, e.g. "KV"
	Name   string `json:"name"` // "Kosovo"
	Count  int    `json:"count"`
	Origin bool   `json:"origin,omitempty"` // the cable's origin country
}

// OrgMention is an organization referred to by a cable.
type OrgMention struct {
	Key   string `json:"key"`  // normalised: "NATO", "MFA:RS"
	Name  string `json:"name"` // "NATO", "Ministry of Foreign Affairs (Russia)"
	Kind  string `json:"kind"` // "international", "government", "party", "company", "military", ...
	Count int    `json:"count"`
}

// Interaction is one typed person-to-person link found in a cable, with the
// sentence that proves it.
type Interaction struct {
	A          string     `json:"a"` // person key
	B          string     `json:"b"` // person key, or "post:<Origin>" when the counterpart is the embassy
	AName      string     `json:"aName"`
	BName      string     `json:"bName"`
	Kind       string     `json:"kind"`             // InteractionMet, ...
	Status     string     `json:"status,omitempty"` // "", "planned", "refused", "unconfirmed"
	Cable      string     `json:"cable"`
	Paragraph  int        `json:"paragraph"`
	Evidence   string     `json:"evidence"`
	Topics     []string   `json:"topics"` // tag or country codes and/or words: ["KV", "Kosovo"]
	Date       *time.Time `json:"date"`   // the cable's created date unless the text gives one
	Confidence float64    `json:"confidence"`
}

// Interaction kinds.
const (
	InteractionMet         = "met"
	InteractionTold        = "told"
	InteractionDiscussed   = "discussed"
	InteractionPhoned      = "phoned"
	InteractionWrote       = "wrote"
	InteractionNegotiated  = "negotiated"
	InteractionCoMentioned = "coMentioned"
)
