package main

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"

	"github.com/cablegraph/cablegraph/loader"
	"github.com/cablegraph/cablegraph/loader/extract"
)

const parseHelp = `
cablegraph parse reads cables and prints each one as a JSON object on its own
line (the graph.Cable contract: absent fields are null), parsed and, unless
--no-extract, with the persons, countries, organizations and interactions
extracted from it. Nothing is stored. Use it to check what the loader would
load, or to feed another tool.

Usage:
  cablegraph parse [flags] PATH...

PATH is a file, a directory (walked recursively, sorted), or - for stdin.
Records are parsed in parallel but printed in input order. Failures go to
stderr as "path record N line L: reason", followed by a summary line; the
exit status is 1 when any record failed (the others are still printed).

Examples:
  cablegraph parse ../shared/seed/08MOSCOW235.txt | jq .subject
  cablegraph parse --no-extract ../shared/data/cables/body-txt > cables.jsonl
  cat cable.html | cablegraph parse --format html -
`

func runParse(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	format := fs.String("format", "", "force the input `format`: page, html, body, csv or telegram (default: detect per file)")
	noExtract := fs.Bool("no-extract", false, "print the parsed fields only, without extracted entities")
	gazetteer := fs.String("gazetteer", "", "optional `DIR` of gazetteers to improve person extraction")
	workers := fs.Int("workers", 0, "records parsed at once (default: number of CPUs)")
	helpText(fs, parseHelp)
	paths, err := parseFlags(fs, args, e)
	if err != nil {
		return done(err)
	}
	if len(paths) == 0 {
		return usagef("parse needs at least one PATH (a file, a directory, or - for stdin)")
	}
	opts := loader.Options{Workers: *workers, Format: *format}
	var ext *extract.Extractor
	if !*noExtract {
		if ext, err = newExtractor(*gazetteer); err != nil {
			return err
		}
	}
	out := bufio.NewWriterSize(e.stdout, 1<<16)
	enc := json.NewEncoder(out)
	enc.SetEscapeHTML(false)
	cables, failed := 0, 0
	err = loader.Stream(ctx, ext, loader.Source{Paths: paths, Stdin: e.stdin}, opts, func(it loader.Item) error {
		if it.Failure != nil {
			failed++
			_, err := fmt.Fprintf(e.stderr, "%s: %s\n", loader.Where(*it.Failure), it.Failure.Reason)
			return err
		}
		cables++
		if err := enc.Encode(it.Cable); err != nil {
			return fmt.Errorf("writing cable %s: %w", it.Cable.ID, err)
		}
		return nil
	})
	if ferr := out.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("writing to stdout: %w", ferr)
	}
	fmt.Fprintf(e.stderr, "parsed %d cables, %d failed\n", cables, failed)
	switch {
	case err != nil:
		return err
	case failed > 0:
		return fmt.Errorf("%d of %d records failed: %w", failed, cables+failed, loader.ErrFailures)
	}
	return nil
}
