// Package e2etest drives the GraphQL API over real HTTP against any
// graph.Store, so that the embedded store and Neo4j are held to the same
// answers by the same tests: each store's package calls RunE2E with its
// own store. Expectations are derived from what the parser and extractor
// give for the seed cable, never hard-coded, so the tests follow the
// pipeline rather than freeze today's output.
package e2etest
