// Package storetest is the conformance suite every graph.Store passes: the
// embedded memstore and neo4jstore are twins only as long as one suite
// holds them to the same answers.
//
// Run checks a store against an oracle: a deliberately naive model that
// computes every answer by scanning the written cables, so expectations are
// derived from the fixtures, never hard-coded. Differential loads the same
// cables into two stores and compares every read method on many queries
// derived from the data.
//
// The graph model rules both stores follow, beyond graph/store.go:
//
//   - A cable is identified by ID; writing it again replaces every fact it
//     linked. Times are kept in UTC, truncated to the second, also inside
//     the cable document Reader.Cables returns.
//   - Mentions of the same person, country or organization key within one
//     cable are merged (counts added, lists unioned). Interactions are
//     kept once per (cable, paragraph, a, b, kind, evidence) and only when
//     both a and b are persons mentioned in the cable.
//   - References become Reference nodes only for Kind "cable", a non-empty
//     ID other than the citing cable's; one CITES per distinct (id, letter).
//   - Shared node properties are a pure function of the facts in the graph:
//     Person name and surname are the longest seen (in runes; ties by the
//     lexically smaller), aliases/roles/countries/how sorted distinct
//     unions, cables the number of MENTIONED_IN; Country name the longest
//     mentioned name; Tag meaning/kind and Organization name/kind the pair
//     with the longest meaning/name, then a kind other than ""/"unknown",
//     then the lexically smaller kind. Nodes nothing points at are deleted.
//   - Page.Limit 0 means no limit; a negative offset or limit is
//     graph.ErrInvalid. Search with no words is graph.ErrInvalid.
//   - PersonsOfCables lists persons by key; CitedBy by From then Letter;
//     Interactions carry the persons' node names as AName and BName.
package storetest
