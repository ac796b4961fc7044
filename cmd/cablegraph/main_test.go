package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/internal/testenv"

	"github.com/cablegraph/cablegraph/graph"
)

// runCmd runs the program in process and returns its stdout, stderr and error.
func runCmd(t *testing.T, ctx context.Context, stdin io.Reader, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	err := run(ctx, args, stdin, &out, &errb)
	return out.String(), errb.String(), err
}

// sharedDir is ../shared beside the module; it skips unless its cables
// are there.
func sharedDir(tb testing.TB) string {
	testenv.Shared(tb, "data/cables")
	return testenv.Shared(tb, "")
}

func TestHelpTeachesEverySubcommand(t *testing.T) {
	tests := []struct {
		cmd   string
		flags []string
	}{
		{"serve", []string{"-addr", "-data", "-neo4j", "-gazetteer", "-auth-token", "-cors", "-no-introspection", "CABLEGRAPH_ADDR", "NEO4J_URI"}},
		{"load", []string{"-neo4j", "-batch", "-workers", "-strict", "-force", "-format", "-gazetteer", "-failures", "NEO4J_PASSWORD"}},
		{"parse", []string{"-format", "-no-extract", "-gazetteer"}},
		{"version", nil},
	}
	for _, tt := range tests {
		for _, form := range [][]string{{tt.cmd, "--help"}, {"help", tt.cmd}, {tt.cmd, "-h"}} {
			t.Run(strings.Join(form, " "), func(t *testing.T) {
				out, _, err := runCmd(t, context.Background(), nil, form...)
				if err != nil {
					t.Fatalf("help returned %v", err)
				}
				for _, want := range append([]string{"Usage:", "Examples:", "cablegraph " + tt.cmd}, tt.flags...) {
					if !strings.Contains(out, want) {
						t.Errorf("help does not mention %q:\n%s", want, out)
					}
				}
			})
		}
	}
}

func TestTopLevelHelpListsSubcommands(t *testing.T) {
	out, _, err := runCmd(t, context.Background(), nil, "--help")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []string{"serve", "load", "parse", "version"} {
		if !strings.Contains(out, "  "+c+" ") {
			t.Errorf("usage does not list %s:\n%s", c, out)
		}
	}
}

func TestUsageErrors(t *testing.T) {
	t.Setenv("NEO4J_URI", "")
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"no subcommand", nil, "no subcommand"},
		{"unknown subcommand", []string{"frobnicate"}, "serve, load, parse"},
		{"load without neo4j", []string{"load", "cables/"}, "load needs --neo4j URI or NEO4J_URI; to explore without a database use cablegraph serve --data PATH"},
		{"load without paths", []string{"load", "--neo4j", "bolt://127.0.0.1:1"}, "at least one PATH"},
		{"unknown flag", []string{"parse", "--frob", "x"}, "frob"},
		{"parse without paths", []string{"parse"}, "at least one PATH"},
		{"serve with a path", []string{"serve", "cables/"}, "--data PATH"},
		{"load with a bad spool", []string{"load", "--neo4j", "bolt://127.0.0.1:1", "--spool", "disk", "cables/"}, "--spool must be auto, file or memory"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := runCmd(t, context.Background(), nil, tt.args...)
			var u *usageError
			if !errors.As(err, &u) {
				t.Fatalf("err = %v, want a usage error (exit 2)", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to say %q", err, tt.want)
			}
		})
	}
}

func TestParseFlagsAcceptsFlagsAfterPaths(t *testing.T) {
	tests := []struct {
		args      []string
		wantPos   []string
		wantNeo   string
		wantForce bool
	}{
		{[]string{"a", "--neo4j", "X", "b"}, []string{"a", "b"}, "X", false},
		{[]string{"--force", "a", "-", "--neo4j=Y"}, []string{"a", "-"}, "Y", true},
		{[]string{"a", "--", "--force", "b"}, []string{"a", "--force", "b"}, "", false},
		{nil, nil, "", false},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			fs := flag.NewFlagSet("load", flag.ContinueOnError)
			neo := fs.String("neo4j", "", "")
			force := fs.Bool("force", false, "")
			pos, err := parseFlags(fs, tt.args, &env{stdout: io.Discard})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(pos, tt.wantPos) || *neo != tt.wantNeo || *force != tt.wantForce {
				t.Errorf("got %q neo4j=%q force=%v, want %q %q %v", pos, *neo, *force, tt.wantPos, tt.wantNeo, tt.wantForce)
			}
		})
	}
}

func TestParseSeedPrintsTheCableAsJSON(t *testing.T) {
	seed := filepath.Join(sharedDir(t), "seed", "08MOSCOW235.txt")
	out, stderr, err := runCmd(t, context.Background(), nil, "parse", seed)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, stderr)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 1 {
		t.Fatalf("got %d lines, want one JSON object", len(lines))
	}
	var c graph.Cable
	if err := json.Unmarshal([]byte(lines[0]), &c); err != nil {
		t.Fatalf("output is not a cable: %v", err)
	}
	if c.ID != "08MOSCOW235" {
		t.Errorf("id = %q", c.ID)
	}
	if c.Created == nil || c.Created.Format("2006-01-02 15:04") != "2008-01-30 15:43" {
		t.Errorf("created = %v, want 2008-01-30 15:43", c.Created)
	}
	for _, tag := range []string{"PREL", "PTER", "UNSC", "KV", "RS"} {
		if !slices.Contains(c.Tags, tag) {
			t.Errorf("tags %v lack %s", c.Tags, tag)
		}
	}
	if c.Source.Path != seed {
		t.Errorf("source path = %q, want %q", c.Source.Path, seed)
	}
	if !strings.Contains(stderr, "parsed 1 cables, 0 failed") {
		t.Errorf("no summary line on stderr: %q", stderr)
	}
}

func TestParseReportsBadFilesAndFails(t *testing.T) {
	shared := sharedDir(t)
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.html")
	if err := os.WriteFile(bad, []byte("<html>no cable here</html>"), 0o644); err != nil {
		t.Fatal(err)
	}
	out, stderr, err := runCmd(t, context.Background(), nil, "parse", bad, filepath.Join(shared, "seed", "08MOSCOW235.txt"))
	if err == nil {
		t.Fatal("parse of a bad file succeeded")
	}
	var u *usageError
	if errors.As(err, &u) {
		t.Errorf("a bad input is not a usage error: %v", err)
	}
	first, _, _ := strings.Cut(stderr, "\n")
	if !strings.HasPrefix(first, bad) || !strings.Contains(first, ": ") || !strings.Contains(stderr, "parsed 1 cables, 1 failed") {
		t.Errorf("stderr does not name the bad file with a reason and the summary:\n%s", stderr)
	}
	if !strings.Contains(out, `"08MOSCOW235"`) {
		t.Errorf("the good cable was not printed: %q", out)
	}
}

func TestParseKeepsInputOrder(t *testing.T) {
	dir := filepath.Join(sharedDir(t), "data", "cables", "cablegate-html-fragments", "cable", "2010", "02")
	out, stderr, err := runCmd(t, context.Background(), nil, "parse", "--no-extract", "--workers", "4", dir)
	if err != nil {
		t.Fatalf("parse: %v\n%s", err, stderr)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var want, got []string
	for _, e := range entries {
		want = append(want, strings.TrimSuffix(e.Name(), ".html"))
	}
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var c graph.Cable
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		if len(c.Persons) != 0 {
			t.Errorf("--no-extract printed persons for %s", c.ID)
		}
		got = append(got, c.ID)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("order of ids:\ngot  %v\nwant %v", got, want)
	}
}

// syncBuffer is a bytes.Buffer safe to read while run writes to it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.String()
}

// startServe runs `cablegraph serve --addr 127.0.0.1:0 args...` until ctx
// is done and returns, once it listens, the GraphQL URL it printed, its
// stdout and stderr, and where its result will arrive.
func startServe(t *testing.T, ctx context.Context, args ...string) (url string, out, errb *syncBuffer, done <-chan error) {
	t.Helper()
	out, errb = &syncBuffer{}, &syncBuffer{}
	result := make(chan error, 1)
	go func() {
		result <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), nil, out, errb)
	}()
	for url == "" {
		select {
		case err := <-result:
			t.Fatalf("serve returned early: %v\n%s", err, errb.String())
		case <-time.After(20 * time.Millisecond):
		}
		if _, after, ok := strings.Cut(out.String(), "GraphQL at "); ok {
			url = strings.TrimSpace(after)
		}
	}
	return url, out, errb, result
}

func TestServeAnswersAndShutsDownOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	url, out, _, done := startServe(t, ctx)
	if !strings.Contains(out.String(), "playground at http://127.0.0.1:") {
		t.Errorf("ready line: %q", out.String())
	}
	body := strings.NewReader(`{"query":"{ __schema { queryType { name } } }"}`)
	resp, err := http.Post(url, "application/json", body)
	if err != nil {
		t.Fatal(err)
	}
	var got struct {
		Data struct {
			Schema struct {
				QueryType struct{ Name string }
			} `json:"__schema"`
		}
	}
	err = json.NewDecoder(resp.Body).Decode(&got)
	resp.Body.Close()
	if err != nil || got.Data.Schema.QueryType.Name != "Query" {
		t.Errorf("schema query: %+v, %v", got, err)
	}

	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after cancel: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("serve did not shut down after cancel")
	}
}
