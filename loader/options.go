package loader

import (
	"context"
	"io"
	"log/slog"
	"runtime"
	"time"

	"github.com/cablegraph/cablegraph/loader/parse"
)

// Options tune a load. The zero value is usable.
type Options struct {
	// Workers is the number of records parsed and extracted at once;
	// 0 means GOMAXPROCS.
	Workers int
	// BatchSize is the number of cables per store write (one transaction);
	// 0 means 500.
	BatchSize int
	// Strict stops at the first failure. The cables before it in input
	// order are written; nothing after it is.
	Strict bool
	// Force rewrites cables even when their stored content hash is the same.
	Force bool
	// Format forces an input format (graph.Format*); "" detects it per file.
	Format string
	// Progress, when set, is told how the load is going every
	// Progress.Every() and once at the end.
	Progress Progress
	// Logger receives one line per batch at debug level and a line per
	// failure at warn level; nil discards.
	Logger *slog.Logger
	// OnFailure, when set, is called for every failure in input order (for
	// example to write the full list to a file; Summary keeps only the
	// first MaxFailures).
	OnFailure func(parse.Failure)
	// WriteTimeout bounds each store call of a batch; 0 means 5 minutes.
	// A batch that has started is finished even when the load's context is
	// cancelled (so that an interrupted load leaves whole batches), but
	// never waits longer than this.
	WriteTimeout time.Duration
	// NoResolve skips person key resolution: cables are written as they are
	// extracted, in one phase, with no spool file (see the package doc).
	NoResolve bool
	// TempDir is where the spool file of person key resolution is created;
	// "" means os.TempDir(). The file is removed when the load returns.
	TempDir string
	// Spool says where phase 1 keeps its cables until person keys are
	// resolved (see the package doc): SpoolAuto, the zero value, keeps them
	// in memory when the store lives in this process (it implements
	// InProcess and says so) and they fit: about 23 bytes of memory per
	// input byte within MemoryBudget (see spool_choice.go). Otherwise, and
	// for input of unknown size (stdin), they go to a spool file. The
	// choice is logged at info level.
	Spool SpoolMode
	// MemoryBudget is the memory, in bytes, that SpoolAuto lets a load
	// keeping phase 1 in memory use; 0 detects it: the least of half of
	// /proc/meminfo MemAvailable, half of the cgroup limit's headroom and
	// the headroom under GOMEMLIMIT.
	MemoryBudget int64
	// RawSalt is mixed into every record's raw hash (see rawhash.go): pass
	// anything else that changes what parsing and extraction produce and
	// that the loader cannot see, so that changing it re-parses.
	RawSalt string

	// Set by Load: the raw hash salt ("" computes no raw hashes) and the
	// stored cables by raw hash, which are skipped before parsing.
	salt string
	skip skipIndex
	// hashLater: phase 1 computes no content hash (phase 2 hashes every
	// cable once, after its keys are resolved).
	hashLater bool
}

// SpoolMode is where phase 1 keeps its cables, see Options.Spool.
type SpoolMode int

// Spool modes.
const (
	SpoolAuto   SpoolMode = iota // memory for an InProcess store when it fits, else a file
	SpoolFile                    // a gzipped JSON file in Options.TempDir
	SpoolMemory                  // the decoded cables, in memory
)

// InProcess is implemented by stores that hold the graph in this process
// (memstore): every cable ends up in memory anyway, so phase 1 keeps them
// there instead of encoding them to a spool file and decoding them back.
type InProcess interface {
	InProcess() bool
}

// memorySpool decides where phase 1 keeps its cables for store and an
// input of in decompressed bytes (see chooseSpool) and logs the choice.
func (o Options) memorySpool(ctx context.Context, store any, in int64) bool {
	d := o.chooseSpool(store, in, o.memoryBudget)
	where := "file"
	if d.memory {
		where = "memory"
	}
	level := slog.LevelInfo
	if o.Spool != SpoolAuto {
		level = slog.LevelDebug
	}
	o.Logger.Log(ctx, level, "phase 1 spool: "+where+" ("+d.reason+")",
		"spool", where, "input_bytes", d.input, "budget_bytes", d.budget)
	return d.memory
}

// MaxFailures is how many failures a Summary keeps; the count is exact.
const MaxFailures = 1000

func (o Options) withDefaults() Options {
	if o.Workers <= 0 {
		o.Workers = runtime.GOMAXPROCS(0)
	}
	if o.BatchSize <= 0 {
		o.BatchSize = 500
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = 5 * time.Minute
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	return o
}

// Window is the most records in flight between the reader and the batcher
// (see the package doc on bounded memory).
func (o Options) Window() int {
	o = o.withDefaults()
	return 4*o.Workers + 64
}

// Source says where records come from: in-memory blobs first (such as the
// example cable embedded in the binary), then files and directories.
type Source struct {
	// Blobs are read first, in order.
	Blobs []Blob
	// Paths are files or directories (walked); "-" reads Stdin. Compressed
	// (.gz) files are decompressed.
	Paths []string
	// Stdin is read for the path "-".
	Stdin io.Reader
}

// Blob is an input held in memory, named like a file so that its format can
// be detected and its cables traced back to it.
type Blob struct {
	Name string
	Data []byte
}
