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
		{"lists and groups", exec(concurrentCall, concurrentCall, ""), exec(sequentialCall, sequentialCall, ""), ""},
		{"already rewritten", exec(sequentialCall, sequentialCall, ""), exec(sequentialCall, sequentialCall, ""), ""},
		{"no list marshaller", "deferred := graphql.NewDeferredGroup(ctx)\nec.ProcessDeferredGroup(deferred)\n", "", "gqlgen's output changed"},
		{"other list shape left", exec(concurrentCall, "graphql.MarshalSliceConcurrently(ctx, len(v), 4, true, func(", ""), "", "another shape"},
		{"other group shape left", exec(concurrentCall, concurrentCall, "g := graphql.NewDeferredGroup(c)\n"), "", "another shape"},
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

// exec is a stand-in for exec.go with two list marshallers (calls a and
// b), one object's deferred group, and extra.
func exec(a, b, extra string) string {
	group := "deferred := graphql.NewDeferredGroup(ctx)\nec.ProcessDeferredGroup(deferred)\n"
	if a == sequentialCall {
		group = "deferred := newDeferredGroup(ctx)\nec.processDeferredGroupAt(ctx, deferred)\n"
	}
	return "x " + a + "\ny " + b + "\n" + group + extra
}

func TestRewriteExecNeedsGenerateCode(t *testing.T) {
	if err := (&sequentialSlices{}).rewriteExec(); err == nil {
		t.Fatal("rewriteExec without GenerateCode succeeded")
	}
}
