package main

import (
	"bufio"
	"compress/gzip"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/corpusgen"
)

const genHelp = `
cablegraph gen writes a synthetic cables.csv, in the release's own format,
with as many cables as you ask for (by default the full Cablegate size,
251,287 cables, about 1.7 GB), derived from real cables.

Usage:
  cablegraph gen --from PATH [--from PATH...] [flags] --out FILE

Why: the real corpus we hold has 6,712 cables but users load all 251,287, so
load and query speed must be measured at full size on text that looks real.
The source cables are parsed and extracted like the loader does; the
generator then remaps ids, serials, dates and reference targets, resamples
real paragraphs, and redistributes persons so that a few appear in thousands
of cables and most in a handful. Same sources and same --seed, same bytes.

PATH is a file or directory of cables in any format the loader reads (a
positional PATH works too). A FILE ending in .gz is gzip-compressed; the
file is written under a temporary name and renamed at the end, so an
interrupted run never leaves a truncated corpus. Progress goes to stderr
every 10,000 cables; a summary (cables, bytes, time) ends the run.

Examples:
  cablegraph gen --from ../shared/data/cables/cablegate-html-fragments --out /tmp/cables.csv
  cablegraph gen --from ../shared/data/cables/cablegate-html-fragments --count 20000 --seed 7 --out small.csv.gz
  cablegraph load --neo4j bolt://127.0.0.1:7687 /tmp/cables.csv
`

func runGen(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("gen", flag.ContinueOnError)
	var from listFlag
	fs.Var(&from, "from", "read source cables from `PATH` (file or directory); repeatable")
	count := fs.Int("count", corpusgen.DefaultCount, "number of cables to write")
	seed := fs.Uint64("seed", 1, "random seed; the same seed and sources give the same output")
	out := fs.String("out", "", "write the corpus to `FILE` (.gz suffix: gzip); - for stdout")
	workers := fs.Int("workers", 0, "source records parsed and extracted at once (default: number of CPUs)")
	gazetteer := fs.String("gazetteer", "", "optional `DIR` of gazetteers to improve person extraction of the sources")
	helpText(fs, genHelp)
	pos, err := parseFlags(fs, args, e)
	if err != nil {
		return done(err)
	}
	from = append(from, pos...)
	switch {
	case len(from) == 0:
		return usagef("gen needs --from PATH (real cables to derive the corpus from)")
	case *out == "":
		return usagef("gen needs --out FILE (use - for stdout)")
	case *count <= 0:
		return usagef("gen: --count must be positive, got %d", *count)
	}
	start := time.Now()
	sources, failed, err := readSources(ctx, e, from, *workers, *gazetteer)
	if err != nil {
		return err
	}
	gen, err := corpusgen.New(sources)
	if err != nil {
		return fmt.Errorf("preparing the generator from %d source cables (%d failed to parse): %w", len(sources), failed, err)
	}
	e.log.Info("sources read", "cables", len(sources), "failed", failed, "templates", gen.Templates(),
		"seconds", time.Since(start).Seconds())
	opts := corpusgen.Options{Count: *count, Seed: *seed, Progress: func(n int) {
		el := time.Since(start).Seconds()
		fmt.Fprintf(e.stderr, "gen: %d/%d cables (%.0f%%), %.0f s\n", n, *count, 100*float64(n)/float64(*count), el)
	}}
	genStart := time.Now()
	st, size, err := writeCorpus(ctx, e, gen, *out, opts)
	if err != nil {
		return err
	}
	secs := time.Since(genStart).Seconds()
	fmt.Fprintf(e.stderr, "gen: wrote %d cables, %d bytes (%.1f MB on disk) to %s in %.1f s (%.0f cables/s); %d references, %d to cables in the corpus; from %d source cables (%d failed)\n",
		st.Cables, st.Bytes, float64(size)/1e6, *out, secs, float64(st.Cables)/secs, st.References, st.Resolvable, len(sources), failed)
	return nil
}

// readSources parses and extracts the source cables like the loader does.
func readSources(ctx context.Context, e *env, paths []string, workers int, gazetteer string) ([]*graph.Cable, int, error) {
	ext, err := newExtractor(gazetteer)
	if err != nil {
		return nil, 0, err
	}
	var cables []*graph.Cable
	failed := 0
	err = loader.Stream(ctx, ext, loader.Source{Paths: paths, Stdin: e.stdin}, loader.Options{Workers: workers},
		func(it loader.Item) error {
			if it.Failure != nil {
				failed++
				return nil
			}
			cables = append(cables, it.Cable)
			return nil
		})
	if err != nil {
		return nil, failed, fmt.Errorf("reading the source cables: %w", err)
	}
	return cables, failed, nil
}

// writeCorpus writes the corpus to path (or stdout for -) and returns the
// generator's stats and the size of what was written to disk.
func writeCorpus(ctx context.Context, e *env, gen *corpusgen.Generator, path string, opts corpusgen.Options) (corpusgen.Stats, int64, error) {
	if path == "-" {
		cw := &countingWriter{w: e.stdout}
		st, err := gen.Write(ctx, cw, opts)
		if err != nil {
			return st, cw.n, fmt.Errorf("generating the corpus: %w", err)
		}
		return st, cw.n, nil
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return corpusgen.Stats{}, 0, fmt.Errorf("creating the output file next to %s: %w", path, err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	fileBuf := bufio.NewWriterSize(tmp, 1<<20)
	var w io.Writer = fileBuf
	var gz *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		gz = gzip.NewWriter(fileBuf)
		w = gz
	}
	st, err := gen.Write(ctx, w, opts)
	if err != nil {
		return st, 0, fmt.Errorf("generating the corpus: %w", err)
	}
	if gz != nil {
		err = gz.Close()
	}
	if err = errors.Join(err, fileBuf.Flush(), tmp.Sync()); err != nil {
		return st, 0, fmt.Errorf("writing %s: %w", path, err)
	}
	info, err := tmp.Stat()
	if err != nil {
		return st, 0, fmt.Errorf("writing %s: %w", path, err)
	}
	// CreateTemp makes the file private; a corpus is meant to be shared.
	if err := tmp.Chmod(0o644); err != nil {
		return st, 0, fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return st, 0, fmt.Errorf("closing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return st, 0, fmt.Errorf("renaming the finished corpus to %s: %w", path, err)
	}
	ok = true
	return st, info.Size(), nil
}

// countingWriter counts the bytes written through it.
type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}
