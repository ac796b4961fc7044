package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/neo4jstore"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

const loadHelp = `
cablegraph load reads cables from files, directories or stdin, parses them,
extracts persons, countries, organizations and interactions, and writes them
to Neo4j in atomic batches.

Usage:
  cablegraph load --neo4j URI [flags] PATH...

It is idempotent: every cable carries a content hash, a cable whose stored
hash is the same is skipped, and a changed cable replaces all its old facts.
Loading the same input twice leaves the same graph. A dataset version (a hash
over the id and content hash of every cable seen) is recorded at the end.

PATH is a file, a directory (walked recursively, sorted), or - for stdin.
Formats are detected per file (cablegate HTML pages and fragments, rendered
page text, body-only text, the release's cables.csv, plain telegrams); .gz
files are decompressed.

On a terminal a progress bar shows cables/s, MB/s and the ETA; otherwise a
log line is written every 5 seconds. At the end a summary gives the counts
and the failures (file, record, reason). The exit status is 1 when any record
failed (the others are loaded) or the load was interrupted, 2 for usage
errors. Ctrl-C stops after the batch being written; a second Ctrl-C kills.

Run one load at a time per database: the loader is the single writer of the
shared nodes (persons, countries, tags), and two loads at once contend for
them (Neo4j reports deadlocks and the batch fails, whole).

Environment:
  NEO4J_URI        default for --neo4j
  NEO4J_USER       default for --user (empty: no authentication)
  NEO4J_PASSWORD   default for --password
  NEO4J_DATABASE   default for --database (neo4j)

A first load of the whole release is faster through Neo4j's offline
importer: --import-dir DIR writes its CSV files (and DIR/import.args)
instead of connecting to Neo4j; scripts/neo4j-import.sh runs the importer
and then "cablegraph load --neo4j URI --finish-import", which creates the
schema and waits for its indexes over Bolt (see docs/neo4j.md).

Examples:
  cablegraph load --neo4j bolt://127.0.0.1:7687 ../shared/data/cables/cablegate-html-fragments
  cablegraph load --neo4j bolt://127.0.0.1:7687 --failures failures.tsv --workers 4 cables.csv.gz
  zcat cables.csv.gz | NEO4J_URI=bolt://127.0.0.1:7687 cablegraph load --format csv -
`

// neo4jFlags are the connection flags shared by load and serve.
type neo4jFlags struct {
	uri, user, password, database string
}

func (n *neo4jFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&n.uri, "neo4j", os.Getenv("NEO4J_URI"), "Neo4j Bolt `URI`, e.g. bolt://127.0.0.1:7687 (env NEO4J_URI)")
	fs.StringVar(&n.user, "user", os.Getenv("NEO4J_USER"), "Neo4j user; empty means no authentication (env NEO4J_USER)")
	fs.StringVar(&n.password, "password", os.Getenv("NEO4J_PASSWORD"), "Neo4j password (env NEO4J_PASSWORD)")
	fs.StringVar(&n.database, "database", envOr("NEO4J_DATABASE", "neo4j"), "Neo4j database `name` (env NEO4J_DATABASE)")
}

func (n *neo4jFlags) open(ctx context.Context, e *env) (*neo4jstore.Store, error) {
	s, err := neo4jstore.Open(ctx, neo4jstore.Config{
		URI: n.uri, User: n.user, Password: n.password, Database: n.database, Logger: e.log,
	})
	if err != nil {
		return nil, fmt.Errorf("connecting to Neo4j at %s (database %q): %w", n.uri, n.database, err)
	}
	return s, nil
}

// loadFlags are the pipeline flags shared by load and serve.
type loadFlags struct {
	batch, workers int
	strict, force  bool
	format         string
	gazetteer      string
	failures       string
	verbose        bool
	noResolve      bool
	spool          string
}

func (l *loadFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&l.batch, "batch", 500, "cables per write; each batch is one transaction")
	fs.IntVar(&l.workers, "workers", 0, "records parsed and extracted at once (default: number of CPUs)")
	fs.BoolVar(&l.strict, "strict", false, "stop at the first record that fails (the cables before it are loaded)")
	fs.BoolVar(&l.force, "force", false, "rewrite every cable, even those whose content hash is unchanged")
	fs.StringVar(&l.format, "format", "", "force the input `format`: page, html, body, csv or telegram (default: detect per file)")
	fs.StringVar(&l.gazetteer, "gazetteer", "", "optional `DIR` of gazetteers (pocom chiefs of mission, phoenix actors) to improve person extraction")
	fs.BoolVar(&l.noResolve, "no-resolve", false, "do not fold bare person keys (\"lavrov\") into their dominant qualified key (\"lavrov|RS\"); loads in one phase without a spool file in $TMPDIR")
	fs.BoolVar(&l.verbose, "verbose", false, "log each batch written and the store's timings (debug level)")
	fs.StringVar(&l.failures, "failures", "", "write every failure to `FILE` (tab-separated: path, record, line, reason); default: print the first 20")
	fs.StringVar(&l.spool, "spool", "auto", "where cables wait while person keys are resolved: `mode` file (compressed in $TMPDIR, about 6 KB per cable, little RAM), memory (no spool file; no less CPU than file since the spool file is binary, about 23x the input size in RAM: over 45 GB for the whole release) or auto (memory for the embedded store when about 23x the input size fits in half the available memory, per MemAvailable and the cgroup limit, and under GOMEMLIMIT; file otherwise, and for stdin; the choice is logged)")
}

// spoolMode maps the --spool flag to the loader's SpoolMode.
func (l loadFlags) spoolMode() (loader.SpoolMode, error) {
	switch l.spool {
	case "", "auto":
		return loader.SpoolAuto, nil
	case "file":
		return loader.SpoolFile, nil
	case "memory":
		return loader.SpoolMemory, nil
	}
	return 0, usagef("--spool must be auto, file or memory, not %q", l.spool)
}

// setLevel lowers the log level to debug for the whole command when
// --verbose is given: the loader's batches, the store's timings and a Neo4j
// server's warm-up statements log at that level, whether or not anything
// is loaded.
func (l loadFlags) setLevel(e *env) {
	if l.verbose && e.level != nil {
		e.level.Set(slog.LevelDebug)
	}
}

func runLoad(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	var nf neo4jFlags
	var lf loadFlags
	nf.register(fs)
	lf.register(fs)
	importDir := fs.String("import-dir", "", "write the CSV files of neo4j-admin database import full into `DIR` (new or empty) instead of loading over Bolt")
	finish := fs.Bool("finish-import", false, "complete a database just filled by neo4j-admin from --import-dir files: schema, indexes online, empty lists (no PATH)")
	cpuProfile := fs.String("cpu-profile", "", "write a CPU profile of the whole load to `FILE`, for go tool pprof")
	helpText(fs, loadHelp)
	paths, err := parseFlags(fs, args, e)
	if err != nil {
		return done(err)
	}
	lf.setLevel(e)
	stopProfile, err := startCPUProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	// A load only allocates and lets go (records, cables, batches) over a
	// small live heap: the collector's default target made it a tenth of
	// load --import-dir's CPU on 10,000 generated cables, the relaxed one
	// saves most of that for a few hundred MB more. load exits when done,
	// so there is nothing to put back.
	_ = relaxGC(memTotal(), nil)
	if _, err := lf.spoolMode(); err != nil {
		return err
	}
	if *importDir != "" {
		return runImportCSV(ctx, e, *importDir, paths, lf)
	}
	if *finish {
		return runFinishImport(ctx, e, nf, paths)
	}
	if nf.uri == "" {
		return usagef("load needs --neo4j URI or NEO4J_URI; to explore without a database use cablegraph serve --data PATH")
	}
	if len(paths) == 0 {
		return usagef("load needs at least one PATH (a file, a directory, or - for stdin)")
	}
	ext, err := newExtractor(lf.gazetteer)
	if err != nil {
		return err
	}
	store, err := nf.open(ctx, e)
	if err != nil {
		return err
	}
	defer closeStore(store, e)
	if err := store.Ping(ctx); err != nil {
		return fmt.Errorf("no answer from Neo4j at %s: %w", nf.uri, err)
	}
	_, err = loadInto(ctx, e, store, ext, loader.Source{Paths: paths, Stdin: e.stdin}, lf)
	return err
}

// loadInto runs the loader with progress on stderr and prints the summary.
func loadInto(ctx context.Context, e *env, store graph.Writer, ext *extract.Extractor, src loader.Source, lf loadFlags) (loader.Summary, error) {
	spool, err := lf.spoolMode()
	if err != nil {
		return loader.Summary{}, err
	}
	opts := loader.Options{
		Workers: lf.workers, BatchSize: lf.batch, Strict: lf.strict, Force: lf.force, Format: lf.format,
		Logger: e.log, NoResolve: lf.noResolve, Spool: spool,
	}
	if f, ok := e.stderr.(*os.File); ok {
		opts.Progress = loader.NewProgress(f, e.log, 5*time.Second)
	} else {
		opts.Progress = loader.NewLogProgress(e.log, 5*time.Second)
	}
	if loader.IsTerminal(asFile(e.stderr)) {
		// A log line per failure would break the bar; the bar counts
		// failures and the summary lists them.
		opts.Logger = nil
	}
	var failFile *os.File
	var failBuf *bufio.Writer
	var failErr error
	if lf.failures != "" {
		f, err := os.Create(lf.failures)
		if err != nil {
			return loader.Summary{}, fmt.Errorf("creating the failures file: %w", err)
		}
		failFile, failBuf = f, bufio.NewWriter(f)
		opts.OnFailure = func(pf parse.Failure) {
			if _, err := failBuf.WriteString(loader.FormatFailure(pf)); err != nil && failErr == nil {
				failErr = err
			}
		}
	}
	sum, err := loader.Load(ctx, store, ext, src, opts)
	if failFile != nil {
		if ferr := errors.Join(failErr, failBuf.Flush(), failFile.Close()); ferr != nil {
			err = errors.Join(err, fmt.Errorf("writing the failures file %s: %w", lf.failures, ferr))
		}
	}
	if werr := sum.Write(e.stderr, 20, lf.failures); werr != nil {
		err = errors.Join(err, werr)
	}
	return sum, err
}

func asFile(w any) *os.File {
	f, _ := w.(*os.File)
	return f
}

func newExtractor(gazetteer string) (*extract.Extractor, error) {
	ext, err := extract.New(extract.Options{GazetteerDir: gazetteer})
	if err != nil {
		return nil, fmt.Errorf("preparing the extractor: %w", err)
	}
	return ext, nil
}

type closer interface {
	Close(ctx context.Context) error
}

func closeStore(s closer, e *env) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Close(ctx); err != nil {
		e.log.Warn("closing the store", "err", err)
	}
}

func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}
