// Package neo4jstore keeps cablegraph's knowledge graph in a Neo4j 5
// database. It is the only package that imports the Neo4j driver, so that
// no driver type crosses into graph, resolvers or the loader.
//
// Why it looks the way it does:
//
//   - Every write goes through UNWIND $rows statements inside one
//     ExecuteWrite transaction per WriteCables call: a loader batch is
//     atomic (Ctrl-C or a failure never leaves a half-written cable), and
//     251k cables load in minutes because there is no per-row round trip.
//   - Nodes are found by constrained business keys (Cable.id, Person.key,
//     ...), never by Neo4j's internal ids, which are not stable.
//   - The whole graph.Cable is kept as JSON in Cable.doc so that
//     Reader.Cables returns exactly what was written; the other properties
//     exist to be filtered, indexed and traversed.
//   - Person aggregates (name, aliases, roles, countries, how, cables) are
//     recomputed in Go from the MENTIONED_IN relationships of every person a
//     write touched, with the same rules as graph/memstore, so that a
//     replaced cable leaves no stale alias and both stores agree exactly.
//   - Ordering, case folding and name normalisation that Cypher cannot
//     reproduce bit for bit (graph.NormalizeName) are precomputed at write
//     time into properties (Person.norms, Person.nameNorms), so reads stay
//     in the database and use its indexes.
//
// Tests that wipe the database live only in this package and never run in
// parallel: Neo4j Community has a single user database, so this package is
// the one place allowed to empty it (see store_test.go).
package neo4jstore
