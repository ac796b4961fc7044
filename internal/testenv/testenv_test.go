package testenv

import (
	"os"
	"path/filepath"
	"testing"
)

func TestModuleRootHoldsGoMod(t *testing.T) {
	root := Root(t)
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		t.Fatalf("Root = %s without go.mod: %v", root, err)
	}
	if _, err := os.Stat(filepath.Join(root, "internal", "testenv", "testenv.go")); err != nil {
		t.Fatalf("Root = %s is not this module's root: %v", root, err)
	}
}

func TestFindAbsent(t *testing.T) {
	if p := Find("no/such/folder/here"); p != "" {
		t.Errorf("Find of an absent folder = %q, want empty", p)
	}
}
