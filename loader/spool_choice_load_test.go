package loader_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph/memstore"
	"github.com/cablegraph/cablegraph/loader"
)

// TestLoadSpoolAutoFollowsMemoryBudget loads the same corpus into the
// embedded store with SpoolAuto under a generous and a tiny memory budget:
// the log must say which spool phase 1 used and why, and both loads must
// store the same dataset.
func TestLoadSpoolAutoFollowsMemoryBudget(t *testing.T) {
	dir := personCorpus(t)
	ctx := context.Background()
	versions := map[string]string{}
	for _, c := range []struct {
		name   string
		budget int64
		want   string
	}{
		{"generous budget", 1 << 40, "phase 1 spool: memory (input "},
		{"tiny budget", 1, "phase 1 spool: file (input "},
	} {
		t.Run(c.name, func(t *testing.T) {
			var logs bytes.Buffer
			log := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelInfo}))
			s := memstore.New()
			sum, err := loader.Load(ctx, s, newExtractor(t), loader.Source{Paths: []string{dir}},
				loader.Options{MemoryBudget: c.budget, Logger: log, TempDir: t.TempDir()})
			if err != nil {
				t.Fatal(err)
			}
			if sum.Loaded == 0 || sum.Version == "" {
				t.Fatalf("loaded nothing: %+v", sum)
			}
			versions[c.name] = sum.Version
			if !strings.Contains(logs.String(), c.want) || !strings.Contains(logs.String(), ": Options.MemoryBudget") {
				t.Errorf("log does not say %q within the given budget:\n%s", c.want, logs.String())
			}
			if n := strings.Count(logs.String(), "phase 1 spool:"); n != 1 {
				t.Errorf("%d spool decisions logged, want 1:\n%s", n, logs.String())
			}
		})
	}
	if versions["generous budget"] != versions["tiny budget"] {
		t.Errorf("dataset versions differ between the spools: %v", versions)
	}
}
