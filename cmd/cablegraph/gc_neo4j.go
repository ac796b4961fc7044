package main

import (
	"runtime/debug"
)

// neo4jServingGCPercent is the garbage collector's target while serving
// from Neo4j. The process then holds only the driver's connections and
// the requests in flight, a few MB live, so at the default target (100)
// the collector ran every few MB of garbage: every hundred or so search
// requests, 2,487 collections in a few minutes of load, a fifth of the
// server's CPU per request. Four times the live heap is still tens of MB.
const neo4jServingGCPercent = 400

// relaxGCForNeo4j sets neo4jServingGCPercent and returns the func that
// puts the previous target back. An operator's GOGC or GOMEMLIMIT wins:
// it then changes nothing.
func relaxGCForNeo4j() (restore func()) {
	if operatorTunedGC() {
		return func() {}
	}
	pct := debug.SetGCPercent(neo4jServingGCPercent)
	return func() { debug.SetGCPercent(pct) }
}
