// Package testenv finds the module root and the read-only ../shared folder
// beside it for tests and benchmarks. Tests that need the real cables skip
// with a clear message when ../shared is absent, instead of failing on a
// machine that does not have it; one helper keeps that rule the same in
// every package.
package testenv

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// ModuleRoot returns the directory of the go.mod above the working
// directory (a test's package directory).
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// Root is ModuleRoot for a test: it fails the test when there is none.
func Root(tb testing.TB) string {
	tb.Helper()
	dir, err := ModuleRoot()
	if err != nil {
		tb.Fatal(err)
	}
	return dir
}

// Find returns ../shared/sub beside the module root, or "" when it is absent.
func Find(sub string) string {
	root, err := ModuleRoot()
	if err != nil {
		return ""
	}
	p := filepath.Join(root, "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// Shared returns ../shared/sub beside the module root, and skips the test
// with a clear message when it is absent.
func Shared(tb testing.TB, sub string) string {
	tb.Helper()
	p := filepath.Join(Root(tb), "..", "shared", sub)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("../shared/%s not present: %v", sub, err)
	}
	return p
}
