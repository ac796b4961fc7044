package memstore_test

import (
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

func TestConformance(t *testing.T) {
	storetest.Run(t, func(t *testing.T) graph.Store { return memstore.New() })
}

func TestDifferentialTwoMemstores(t *testing.T) {
	storetest.Differential(t, memstore.New(), memstore.New(), storetest.Fixtures(t))
}
