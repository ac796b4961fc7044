package memstore

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// SaveSnapshot writes the store's snapshot to path atomically: into a
// temporary file in the same directory, synced, then renamed over path, so
// that a reader never sees a half-written snapshot and a crash leaves at
// worst a stray temporary file. The directory is created if needed.
func (s *Store) SaveSnapshot(ctx context.Context, path, key, note string) (SnapshotInfo, error) {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return SnapshotInfo{}, fmt.Errorf("creating the snapshot directory: %w", err)
	}
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return SnapshotInfo{}, fmt.Errorf("creating the snapshot file: %w", err)
	}
	tmp := f.Name()
	info, err := s.WriteSnapshot(ctx, f, key, note)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("closing the snapshot file: %w", cerr)
	}
	if err == nil {
		if rerr := os.Rename(tmp, path); rerr != nil {
			err = fmt.Errorf("moving the snapshot into place: %w", rerr)
		}
	}
	if err != nil {
		return info, errors.Join(fmt.Errorf("saving snapshot %s: %w", path, err), removeIfExists(tmp))
	}
	return info, nil
}

func removeIfExists(path string) error {
	if err := os.Remove(path); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("removing %s: %w", path, err)
	}
	return nil
}

// OpenSnapshot restores a store from the snapshot file at path, made for
// key. A missing file fails with an error wrapping os.ErrNotExist; an
// unusable one with an error wrapping ErrBadSnapshot.
func OpenSnapshot(ctx context.Context, path, key string) (*Store, SnapshotInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, SnapshotInfo{}, fmt.Errorf("opening snapshot: %w", err)
	}
	defer f.Close()
	s, info, err := ReadSnapshot(ctx, f, key)
	if err != nil {
		return nil, info, fmt.Errorf("snapshot %s: %w", path, err)
	}
	return s, info, nil
}
