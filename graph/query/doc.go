// Package query answers cablegraph's relationship questions: who discussed
// a topic with whom, the chain of people linking two persons, a node's
// neighbourhood, a cable's reference chain, timelines and a person's
// counterparts.
//
// It computes every answer from a graph.Reader and nothing else, so that
// the embedded store and Neo4j give identical answers by construction: the
// stores only have to agree on the Reader contract (which graph/storetest
// checks), never on ranking, grouping or path finding. The price is that
// graph algorithms run here rather than in Cypher; to keep that cheap every
// traversal asks the store once per level with a batch of nodes, never once
// per node.
package query
