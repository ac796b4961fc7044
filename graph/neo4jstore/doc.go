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
//   - Shared node properties (Person name, aliases, ...; Tag meaning and
//     kind; Country and Organization names; Reference raw) are computed in
//     Go with the same pick rules as graph/memstore, from the facts kept on
//     the relationships (MENTIONED_IN carries each cable's view of the
//     person). A node that lost facts in a write is recomputed from all of
//     them, so a replaced cable leaves no stale alias; a node that only
//     gained facts folds them into its current value, so a fresh load never
//     re-reads the thousands of mentions of a popular person or tag.
//   - The cableText full-text index is eventually consistent: a commit does
//     not wait for Lucene. Search first calls
//     db.index.fulltext.awaitEventuallyConsistentIndexRefresh, so it still
//     sees every committed cable.
//   - Ordering, case folding and name normalisation that Cypher cannot
//     reproduce bit for bit (graph.NormalizeName) are precomputed at write
//     time into properties (Person.norms, Person.nameNorms), so reads stay
//     in the database and use its indexes.
//
// Tests that wipe the database live only in this package and never run in
// parallel: Neo4j Community has a single user database, so this package is
// the one place allowed to empty it (see store_test.go).
package neo4jstore
