package neo4jstore

import (
	"slices"
	"sync"

	"github.com/cablegraph/cablegraph/graph"
)

// A neighbourhood of a cable naming a dozen hub persons (each on thousands
// of cables, with thousands of interactions) spent most of its database
// time reading the hubs' edges again for every question: 175 ms of a
// 280 ms question at 251,287 cables, where the hubs' first edges had not
// changed since the load. The server keeps them instead (edgeCache), for
// nodes of many edges only, checked against the write stamp
// (write_stamp.go). A question reads the stamp first, in the transaction
// that reads the edges, and uses a kept answer only if it was computed under the
// same stamp: a write by any process (a load into the database the server
// reads, an import that replaced the database) makes every kept answer
// stale at once. Without a stamp (a database no writer of this version
// touched) nothing is kept.
//
// Reading the stamp before the edges makes a kept answer at least as new
// as its stamp: a write committed between the two is in the edges and
// has changed the stamp, so the answer is never used.

// defaultEdgeCacheMin is the number of edges from which a node's first
// edges are kept (Store.edgeCacheMin): below it, reading them costs little.
const defaultEdgeCacheMin = 500

// edgeCacheMaxEdges bounds the edges kept, over all nodes (about 150
// bytes each): the oldest entries go first.
const edgeCacheMaxEdges = 200_000

// edgeCache is the kept first edges of nodes with many, all computed
// under one stamp.
type edgeCache struct {
	mu      sync.Mutex
	stamp   string
	entries map[graph.NodeRef]cachedEdges
	order   []graph.NodeRef // insertion order, for eviction
	size    int             // edges kept
}

// cachedEdges is a node's first perNode edges (all of them when it has
// no more) and its number of edges.
type cachedEdges struct {
	edges   []graph.Edge
	total   int
	perNode int
}

// get returns node's first perNode edges and total as computed under
// stamp, if kept.
func (c *edgeCache) get(stamp string, node graph.NodeRef, perNode int) ([]graph.Edge, int, bool) {
	if stamp == "" {
		return nil, 0, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp {
		return nil, 0, false
	}
	e, ok := c.entries[node]
	if !ok || (e.perNode < perNode && len(e.edges) < e.total) {
		return nil, 0, false
	}
	return slices.Clone(e.edges[:min(perNode, len(e.edges))]), e.total, true
}

// put keeps node's first perNode edges and total, computed under stamp.
// Entries of another stamp are dropped first.
func (c *edgeCache) put(stamp string, node graph.NodeRef, perNode int, edges []graph.Edge, total int) {
	if stamp == "" || len(edges) > edgeCacheMaxEdges {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.stamp != stamp {
		c.stamp, c.entries, c.order, c.size = stamp, map[graph.NodeRef]cachedEdges{}, nil, 0
	}
	if old, ok := c.entries[node]; ok {
		if old.perNode >= perNode {
			return
		}
		c.size -= len(old.edges)
		c.order = slices.DeleteFunc(c.order, func(n graph.NodeRef) bool { return n == node })
	}
	for c.size+len(edges) > edgeCacheMaxEdges && len(c.order) > 0 {
		oldest := c.order[0]
		c.order = c.order[1:]
		c.size -= len(c.entries[oldest].edges)
		delete(c.entries, oldest)
	}
	c.entries[node] = cachedEdges{edges: slices.Clone(edges), total: total, perNode: perNode}
	c.order = append(c.order, node)
	c.size += len(edges)
}
