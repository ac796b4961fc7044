package graph

import "context"

// BulkWriter is implemented by a Writer that can defer the work derived
// from many batches (shared nodes' aggregate properties, removal of nodes
// nothing points at) to one pass at the end of a load. Recomputing a
// popular person's aggregate after every batch costs more than writing the
// batch; once per load it is cheap.
//
// The loader calls BeginBulk before its first WriteCables and FinishBulk
// after its last one, even when the load failed or was interrupted, so that
// what was written is complete. Between the two, readers may see stale
// aggregates (never stale facts). A store must survive a crash between the
// two: the next FinishBulk repairs every aggregate, not only those of its
// own load.
type BulkWriter interface {
	// BeginBulk starts deferring derived work.
	BeginBulk(ctx context.Context) error
	// FinishBulk does the deferred work and stops deferring. Calling it
	// without BeginBulk does nothing.
	FinishBulk(ctx context.Context) error
}

// HashIndex is implemented by a Writer that can return the stored hash of
// every cable at once, so that a re-load can recognise unchanged records
// before parsing them instead of asking batch by batch, and that can
// replace a stored hash without rewriting the cable (when only the way a
// cable was read changed, not what it says).
type HashIndex interface {
	// AllCableHashes maps every stored cable id to its hash.
	AllCableHashes(ctx context.Context) (map[string]string, error)
	// SetCableHashes replaces the stored hash of the given stored cables
	// (id -> hash); ids that are not stored are ignored.
	SetCableHashes(ctx context.Context, hashes map[string]string) error
}

// PreparingWriter is implemented by a Writer whose WriteCables does much
// work that needs no lock (copying, encoding, tokenising the text) before
// the short part that changes the store. A loader then prepares the next
// batch while the store applies this one, instead of leaving every core
// but one idle during each apply.
type PreparingWriter interface {
	// PrepareCables does that work for cables with their content hashes
	// (same length) and returns one prepared cable per cable, in order. It
	// changes nothing in the store, and fails for the cables WriteCables
	// would refuse.
	PrepareCables(ctx context.Context, cables []*Cable, hashes []string) ([]PreparedCable, error)
	// WritePrepared is WriteCables of the prepared cables given: any of
	// those PrepareCables returned, each written at most once.
	WritePrepared(ctx context.Context, cables []PreparedCable) error
}

// PreparedCable is a cable PrepareCables made ready for its store.
type PreparedCable interface {
	// PreparedID is the id of the cable.
	PreparedID() string
}
