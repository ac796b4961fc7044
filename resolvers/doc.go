// Package resolvers is the GraphQL face of cablegraph: thin gqlgen
// resolvers over a graph.Reader, and the HTTP handler that makes them safe
// to expose.
//
// Resolvers stay thin because the answers must not depend on the store:
// relationship questions are computed by graph/query from the Reader, the
// same code for the embedded store and Neo4j, and the end-to-end suite in
// e2etest holds both to the same answers over HTTP. Nested fields go
// through per-request dataloaders (a fresh set per request, so nothing
// leaks between users and nothing goes stale between loads), which keeps
// a page of cables with their persons at a constant number of store calls.
//
// The handler adds what the default gqlgen server leaves out for a public
// tool: depth and complexity limits, a maximum page size, a per-request
// deadline that reaches the store, automatic persisted queries,
// switchable introspection, bearer-token auth, CORS, Prometheus metrics
// written with the standard library, and an error presenter that shows
// users their own mistakes and hides everything else behind a request id.
package resolvers
