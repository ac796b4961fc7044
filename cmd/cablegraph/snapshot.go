package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph/memstore"
)

// snapshotCache decides whether serve --data can restore the embedded
// store from a snapshot instead of parsing, and where the snapshot lives.
// The key is a fingerprint of everything the store's content depends on:
// the input files (path, size, modification time), the flags that change
// what is extracted, and this binary's own bytes (any change of parser,
// extractor, tables or store code gives a new key). File contents are not
// hashed: that would cost as much as reading the inputs; an input edited
// without changing its size or time is the one case it misses (--force
// reloads).
type snapshotCache struct {
	path string // the snapshot file for these inputs and this key
	key  string
	dir  string
	stem string // file name prefix shared by every snapshot of these inputs
}

// newSnapshotCache returns nil when no cache applies: disabled, or inputs
// that cannot be fingerprinted (stdin).
func newSnapshotCache(dir string, data []string, lf loadFlags) (*snapshotCache, error) {
	if dir == "" || len(data) == 0 || slices.Contains(data, "-") {
		return nil, nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "cablegraph memstore snapshot\nbuild %s\nformat %q\nno-resolve %t\n", buildID(), lf.format, lf.noResolve)
	inputs := sha256.New()
	for _, p := range data {
		abs, err := filepath.Abs(p)
		if err != nil {
			return nil, fmt.Errorf("fingerprinting %s: %w", p, err)
		}
		fmt.Fprintf(inputs, "%s\n", abs)
		if err := fingerprintTree(h, abs); err != nil {
			return nil, err
		}
	}
	if lf.gazetteer != "" {
		abs, err := filepath.Abs(lf.gazetteer)
		if err != nil {
			return nil, fmt.Errorf("fingerprinting %s: %w", lf.gazetteer, err)
		}
		fmt.Fprintf(h, "gazetteer\n")
		if err := fingerprintTree(h, abs); err != nil {
			return nil, err
		}
	}
	in := hex.EncodeToString(inputs.Sum(nil))[:16]
	key := hex.EncodeToString(h.Sum(nil))
	stem := "memstore-" + in + "-"
	return &snapshotCache{path: filepath.Join(dir, stem+key[:16]+".snap"), key: key, dir: dir, stem: stem}, nil
}

// fingerprintTree writes the path, size and modification time of root and,
// for a directory, of every file below it, in walk order.
func fingerprintTree(w io.Writer, root string) error {
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "%s\t%d\t%d\n", path, fi.Size(), fi.ModTime().UnixNano())
		return nil
	})
	if err != nil {
		return fmt.Errorf("fingerprinting %s: %w", root, err)
	}
	return nil
}

// buildID identifies this binary: the hash of its own file, or, when that
// cannot be read, its VCS revision.
func buildID() string {
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	id := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		id = bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" || s.Key == "vcs.time" {
				id += " " + s.Value
			}
		}
	}
	return id
}

// restore returns the store of the snapshot, or nil (and the reason logged)
// when there is none or it is unusable.
func (c *snapshotCache) restore(ctx context.Context, e *env) *memstore.Store {
	start := time.Now()
	s, info, err := memstore.OpenSnapshot(ctx, c.path, c.key)
	switch {
	case err == nil:
		e.log.Info("restored the store from a snapshot instead of loading (inputs and build unchanged; --no-cache or --force to reload)",
			"path", c.path, "cables", info.Cables, "made", info.Created.Format(time.RFC3339), "took", time.Since(start).Round(time.Millisecond))
		if info.Note != "" {
			e.log.Info("the load that made the snapshot: " + info.Note)
		}
		return s
	case errors.Is(err, os.ErrNotExist):
		e.log.Info("no snapshot for these inputs yet; loading (one will be written once serving)", "path", c.path)
	case ctx.Err() != nil:
	default:
		e.log.Warn("ignoring the snapshot, loading from the inputs instead", "err", err)
	}
	return nil
}

// save writes the snapshot and removes older ones of the same inputs. It
// is meant to run in the background while serving; ctx stops it, leaving
// no partial file.
func (c *snapshotCache) save(ctx context.Context, e *env, s *memstore.Store, note string) {
	start := time.Now()
	info, err := s.SaveSnapshot(ctx, c.path, c.key, note)
	if err != nil {
		if ctx.Err() == nil {
			e.log.Warn("could not write the snapshot; the next start will load again", "err", err)
		}
		return
	}
	var size int64
	if fi, err := os.Stat(c.path); err == nil {
		size = fi.Size()
	}
	e.log.Info("snapshot written; the next start with the same inputs restores it", "path", c.path, "cables", info.Cables,
		"mb", size>>20, "took", time.Since(start).Round(time.Millisecond))
	olds, _ := filepath.Glob(filepath.Join(c.dir, c.stem+"*.snap"))
	for _, old := range olds {
		if old != c.path && !strings.Contains(filepath.Base(old), ".tmp-") {
			if err := os.Remove(old); err != nil {
				e.log.Warn("could not remove an outdated snapshot", "path", old, "err", err)
			}
		}
	}
}

// defaultCacheDir is $XDG_CACHE_HOME/cablegraph, else ~/.cache/cablegraph
// (os.UserCacheDir's rule on each platform); "" when neither is known.
func defaultCacheDir() string {
	d, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(d, "cablegraph")
}
