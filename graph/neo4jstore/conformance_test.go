package neo4jstore

import (
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestNeo4jConformance runs the shared conformance suite; every open
// wipes the one database, so the subtests run one after another.
func TestNeo4jConformance(t *testing.T) {
	neo4jURI(t)
	storetest.Run(t, func(t *testing.T) graph.Store { return openEmpty(t) })
}

// TestNeo4jDifferential loads the suite's fixtures (the seed, hand-built
// cables and real cablegate cables) into Neo4j and the memstore and
// compares every read.
func TestNeo4jDifferential(t *testing.T) {
	neo4jURI(t)
	storetest.Differential(t, openEmpty(t), memstore.New(), storetest.Fixtures(t))
}
