package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadImportFlagsUsage(t *testing.T) {
	cases := []struct {
		name string
		args []string
	}{
		{"import dir without a path", []string{"load", "--import-dir", "x"}},
		{"finish without a URI", []string{"load", "--neo4j", "", "--finish-import"}},
		{"finish with a path", []string{"load", "--neo4j", "bolt://127.0.0.1:1", "--finish-import", "a.csv"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := run(context.Background(), tc.args, strings.NewReader(""), io.Discard, io.Discard)
			var ue *usageError
			if !errors.As(err, &ue) {
				t.Fatalf("got %v, want a usage error", err)
			}
		})
	}
}

// TestLoadImportDirWritesFiles runs load --import-dir on the example cable
// and checks the importer's argument file and the cable row.
func TestLoadImportDirWritesFiles(t *testing.T) {
	shared := sharedDir(t)
	dir := filepath.Join(t.TempDir(), "csv")
	var stderr bytes.Buffer
	err := run(context.Background(), []string{"load", "--import-dir", dir, filepath.Join(shared, "seed", "08MOSCOW235.txt")},
		strings.NewReader(""), io.Discard, &stderr)
	if err != nil {
		t.Fatalf("load --import-dir: %v\n%s", err, stderr.String())
	}
	args, err := os.ReadFile(filepath.Join(dir, "import.args"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(args), "--nodes=Cable="+filepath.Join(dir, "cables.csv")) {
		t.Errorf("import.args does not name the cables file:\n%s", args)
	}
	cables, err := os.ReadFile(filepath.Join(dir, "cables.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(cables), `"08MOSCOW235"`) {
		t.Errorf("cables.csv has no row for 08MOSCOW235")
	}
	if !strings.Contains(stderr.String(), "import Cable") {
		t.Errorf("no import counts in the output:\n%s", stderr.String())
	}
}
