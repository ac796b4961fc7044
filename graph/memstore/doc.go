// Package memstore is the embedded, in-process knowledge graph: the
// zero-setup default of `cablegraph serve` and the fast twin of neo4jstore.
//
// It holds the same graph model as the Neo4j store (see graph/storetest for
// the rules both follow) in plain Go maps guarded by one RWMutex, with an
// index for everything a Reader filters on (tag, country, person, origin,
// classification, topic, an inverted index for full-text search) so that a
// question touches the matching cables, not all 251,287 of them.
//
// Every cable keeps its whole graph.Cable as JSON, exactly what Neo4j
// stores in the doc property (deflated here, since it is most of the
// memory), so Reader.Cables round-trips identically in both stores and
// callers can never mutate the store through a result.
package memstore
