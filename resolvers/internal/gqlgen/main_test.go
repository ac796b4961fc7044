package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRewriteExec(t *testing.T) {
	for _, c := range []struct {
		name, in, want, wantErr string
	}{
		{"concurrent lists", "a " + concurrentCall + "x\nb " + concurrentCall + "y\n", "a " + sequentialCall + "x\nb " + sequentialCall + "y\n", ""},
		{"already rewritten", "a " + sequentialCall + "x\n", "a " + sequentialCall + "x\n", ""},
		{"no list marshaller", "package generated\n", "", "gqlgen's output changed"},
		{"other shape left", concurrentCall + "\ngraphql.MarshalSliceConcurrently(ctx, len(v), 4, true, func(\n", "", "another shape"},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := filepath.Join(t.TempDir(), "exec.go")
			if err := os.WriteFile(f, []byte(c.in), 0o644); err != nil {
				t.Fatal(err)
			}
			err := (&sequentialSlices{execFile: f}).rewriteExec()
			if c.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), c.wantErr) {
					t.Fatalf("err = %v, want one containing %q", err, c.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			got, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

func TestRewriteExecNeedsGenerateCode(t *testing.T) {
	if err := (&sequentialSlices{}).rewriteExec(); err == nil {
		t.Fatal("rewriteExec without GenerateCode succeeded")
	}
}
