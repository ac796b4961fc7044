package main

import (
	"runtime/debug"
	"testing"
)

// TestRelaxGCForNeo4j: serving from Neo4j raises the collector's target
// and restore puts the previous one back; an operator's GOGC wins.
func TestRelaxGCForNeo4j(t *testing.T) {
	defaultCollector(t)
	restore := relaxGCForNeo4j()
	if got := debug.SetGCPercent(neo4jServingGCPercent); got != neo4jServingGCPercent {
		t.Errorf("GC percent serving from Neo4j = %d, want %d", got, neo4jServingGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("GC percent after restore = %d, want 100", got)
	}

	t.Setenv("GOGC", "100")
	relaxGCForNeo4j()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set, relaxGCForNeo4j changed the GC percent to %d", got)
	}
}
