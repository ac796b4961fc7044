// Package bench holds cablegraph's side-by-side benchmarks: the query files
// both servers answer (queries/), the peer served by the Neo4j GraphQL
// Library (neo4j-graphql/), a Cypher/PROFILE runner (cypher/), and an
// in-process Go benchmark of the same GraphQL queries on the embedded store,
// so that a slow query can be profiled with go test -cpuprofile without a
// network or a server in between. BENCHMARKS.md at the module root has the
// method and the figures.
package bench
