package parse

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// Open expands the user's PATH arguments: directories are walked (sorted,
// skipping hidden files and index.csv/PROVENANCE files that are not cables),
// "-" reads stdin, ".gz" is decompressed transparently; fn is called with
// each input. Unreadable paths are reported via onFail and the rest go on.
// Only an error from fn or a cancelled ctx stops the walk.
func Open(ctx context.Context, paths []string, stdin io.Reader, fn func(path string, r io.Reader) error, onFail func(*Failure)) error {
	for _, p := range paths {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("open: %w", err)
		}
		if p == "-" {
			if stdin == nil {
				onFail(&Failure{Path: p, Reason: "no standard input"})
				continue
			}
			if err := openReader(p, stdin, fn, onFail); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(p)
		if err != nil {
			onFail(&Failure{Path: p, Reason: fmt.Sprintf("cannot read: %v", err)})
			continue
		}
		if !st.IsDir() {
			if err := openFile(p, fn, onFail); err != nil {
				return err
			}
			continue
		}
		files, err := walk(p, onFail)
		if err != nil {
			return err
		}
		for _, f := range files {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("open: %w", err)
			}
			if err := openFile(f, fn, onFail); err != nil {
				return err
			}
		}
	}
	return nil
}

// walk lists the cable files under dir in sorted order.
func walk(dir string, onFail func(*Failure)) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			onFail(&Failure{Path: path, Reason: fmt.Sprintf("cannot read: %v", err)})
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if path != dir && strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || skipName(name) {
			return nil
		}
		files = append(files, path)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walk %s: %w", dir, err)
	}
	sort.Strings(files)
	return files, nil
}

// skipName reports files that sit beside cables but are not cables.
func skipName(name string) bool {
	l := strings.ToLower(strings.TrimSuffix(name, ".gz"))
	return l == "index.csv" || strings.HasPrefix(l, "provenance") || l == "selection.txt" ||
		strings.HasPrefix(l, "readme") || l == "license" || l == "license.txt"
}

func openFile(path string, fn func(string, io.Reader) error, onFail func(*Failure)) error {
	f, err := os.Open(path)
	if err != nil {
		onFail(&Failure{Path: path, Reason: fmt.Sprintf("cannot read: %v", err)})
		return nil
	}
	defer f.Close()
	return openReader(path, f, fn, onFail)
}

// openReader decompresses gzip input (by magic number, whatever the name)
// before handing it to fn.
func openReader(path string, r io.Reader, fn func(string, io.Reader) error, onFail func(*Failure)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	magic, _ := br.Peek(2)
	if len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			onFail(&Failure{Path: path, Reason: fmt.Sprintf("bad gzip: %v", err)})
			return nil
		}
		defer zr.Close()
		return fn(path, zr)
	}
	return fn(path, br)
}
