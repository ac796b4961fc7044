package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/cablegraph/cablegraph/graph/neo4jstore"
	"github.com/cablegraph/cablegraph/loader"
)

// runImportCSV is load --import-dir: the loader's pipeline writing the
// offline importer's CSV files instead of Bolt transactions.
func runImportCSV(ctx context.Context, e *env, dir string, paths []string, lf loadFlags) error {
	if len(paths) == 0 {
		return usagef("load --import-dir needs at least one PATH (a file, a directory, or - for stdin)")
	}
	ext, err := newExtractor(lf.gazetteer)
	if err != nil {
		return err
	}
	w, err := neo4jstore.NewImportWriter(dir, e.log)
	if err != nil {
		return fmt.Errorf("preparing the import files: %w", err)
	}
	_, lerr := loadInto(ctx, e, w, ext, loader.Source{Paths: paths, Stdin: e.stdin}, lf)
	cerr := w.Close(context.WithoutCancel(ctx))
	if cerr != nil {
		cerr = fmt.Errorf("finishing the import files in %s: %w", dir, cerr)
	}
	counts := w.Counts()
	kinds := make([]string, 0, len(counts))
	for k := range counts {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	for _, k := range kinds {
		fmt.Fprintf(e.stderr, "import %-16s %d\n", k, counts[k])
	}
	return errors.Join(lerr, cerr)
}

// runFinishImport is load --finish-import: schema, empty lists and
// aggregates of a database the importer has just filled.
func runFinishImport(ctx context.Context, e *env, nf neo4jFlags, paths []string) error {
	if nf.uri == "" {
		return usagef("load --finish-import needs --neo4j URI or NEO4J_URI")
	}
	if len(paths) > 0 {
		return usagef("load --finish-import takes no PATH")
	}
	store, err := nf.open(ctx, e)
	if err != nil {
		return err
	}
	defer closeStore(store, e)
	t0 := time.Now()
	if err := store.FinishImport(ctx); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "finish import: done in %s\n", time.Since(t0).Round(time.Millisecond))
	return nil
}
