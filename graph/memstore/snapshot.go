package memstore

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// A snapshot is the store written to disk so that a restart with unchanged
// inputs skips parsing and extraction, which are nearly all of a load's
// cost. It holds only what was written (each live cable's document and
// content hash, in write order, and the dataset info), not the indexes:
// restoring replays the documents through WriteCables, so that a restored
// store is by construction the store a load would build, and an index
// change never needs a new snapshot format. See BenchmarkSnapshot for what
// writing and restoring cost.
//
// Layout: the magic line, a uint32 format version, then frames. Each frame
// is a uint32 payload length, a uint32 CRC-32C of the payload and the
// payload, a gob stream of its own (so frames decode in parallel). The
// first frame holds a snapshotHeader, the others up to snapFrame cables;
// the header says how many cables and frames follow, so a truncated file is
// detected. Integers are little-endian.

const (
	snapMagic   = "CABLEGRAPH MEMSTORE SNAPSHOT\n"
	snapVersion = 1
	snapFrame   = 1000    // cables per frame, and per WriteCables on restore
	snapMaxLen  = 1 << 30 // a frame larger than this is damage, not data
	snapBufSize = 1 << 20 // buffered I/O
)

// ErrBadSnapshot is wrapped by the errors of ReadSnapshot and OpenSnapshot
// when the snapshot is damaged, of another format version, or was made for
// another key: the caller should ignore it and load from the inputs.
var ErrBadSnapshot = errors.New("unusable snapshot")

var crcTable = crc32.MakeTable(crc32.Castagnoli)

// SnapshotInfo describes a snapshot.
type SnapshotInfo struct {
	// Key is what the snapshot was made from, as the caller fingerprints
	// its inputs; a snapshot is only restored for the same key.
	Key string
	// Created is when the snapshot was written.
	Created time.Time
	// Cables is how many cables it holds.
	Cables int
	// Dataset is the dataset info the store had.
	Dataset graph.DatasetInfo
	// Note is free text from the writer (for example the load's summary).
	Note string
}

type snapshotHeader struct {
	Info   SnapshotInfo
	Frames int
}

// snapCable is one cable of a frame.
type snapCable struct {
	Hash  string
	Cable *graph.Cable
}

// WriteSnapshot writes every cable of the store, with its content hash and
// the dataset info, to w. The store stays readable (and writable) meanwhile:
// the set of cables is taken at the start under a read lock, and the
// documents it refers to are never modified once written.
func (s *Store) WriteSnapshot(ctx context.Context, w io.Writer, key, note string) (SnapshotInfo, error) {
	if err := ctx.Err(); err != nil {
		return SnapshotInfo{}, fmt.Errorf("writing snapshot: %w", err)
	}
	s.mu.RLock()
	live := make([]*cableRec, 0, len(s.cables))
	for _, r := range s.slots {
		if r != nil {
			live = append(live, r)
		}
	}
	info := SnapshotInfo{Key: key, Created: time.Now().UTC().Truncate(time.Second), Cables: len(live), Dataset: s.dataset, Note: note}
	if t := info.Dataset.LoadedAt; t != nil {
		u := *t
		info.Dataset.LoadedAt = &u
	}
	s.mu.RUnlock()

	bw := bufio.NewWriterSize(w, snapBufSize)
	if _, err := bw.WriteString(snapMagic); err != nil {
		return info, fmt.Errorf("writing snapshot: %w", err)
	}
	var v [4]byte
	binary.LittleEndian.PutUint32(v[:], snapVersion)
	bw.Write(v[:])
	frames := (len(live) + snapFrame - 1) / snapFrame
	var buf bytes.Buffer
	if err := writeFrame(bw, &buf, snapshotHeader{Info: info, Frames: frames}); err != nil {
		return info, err
	}
	batch := make([]snapCable, 0, snapFrame)
	for chunk := range slices.Chunk(live, snapFrame) {
		if err := ctx.Err(); err != nil {
			return info, fmt.Errorf("writing snapshot: %w", err)
		}
		batch = batch[:0]
		for _, r := range chunk {
			batch = append(batch, snapCable{Hash: r.hash, Cable: written(r)})
		}
		if err := writeFrame(bw, &buf, batch); err != nil {
			return info, err
		}
	}
	if err := bw.Flush(); err != nil {
		return info, fmt.Errorf("writing snapshot: %w", err)
	}
	return info, nil
}

// written rebuilds the cable as it was written, sharing the skeleton's
// strings and copying only what has to differ (paragraph texts).
func written(r *cableRec) *graph.Cable {
	c := *r.doc
	if len(r.spans) > 0 {
		c.Paragraphs = slices.Clone(c.Paragraphs)
		for i, sp := range r.spans {
			if sp.off >= 0 {
				c.Paragraphs[i].Text = c.Body[sp.off : sp.off+sp.n]
			}
		}
	}
	return &c
}

func writeFrame(w io.Writer, buf *bytes.Buffer, v any) error {
	buf.Reset()
	buf.Write(make([]byte, 8)) // length and checksum, filled in below
	if err := gob.NewEncoder(buf).Encode(v); err != nil {
		return fmt.Errorf("encoding snapshot frame: %w", err)
	}
	b := buf.Bytes()
	payload := b[8:]
	if len(payload) > snapMaxLen {
		return fmt.Errorf("snapshot frame of %d bytes exceeds %d", len(payload), snapMaxLen)
	}
	binary.LittleEndian.PutUint32(b[0:4], uint32(len(payload)))
	binary.LittleEndian.PutUint32(b[4:8], crc32.Checksum(payload, crcTable))
	if _, err := w.Write(b); err != nil {
		return fmt.Errorf("writing snapshot: %w", err)
	}
	return nil
}

// readFrame reads one frame's payload and checks it.
func readFrame(r io.Reader) ([]byte, error) {
	var h [8]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, fmt.Errorf("snapshot truncated (frame header): %w: %w", err, ErrBadSnapshot)
	}
	n := binary.LittleEndian.Uint32(h[0:4])
	if n == 0 || n > snapMaxLen {
		return nil, fmt.Errorf("snapshot frame length %d: %w", n, ErrBadSnapshot)
	}
	// Grow the buffer as data arrives, so that a damaged length near the
	// limit cannot allocate a gigabyte up front.
	var p bytes.Buffer
	if m, err := io.CopyN(&p, r, int64(n)); err != nil {
		return nil, fmt.Errorf("snapshot truncated (frame of %d bytes, %d read): %w: %w", n, m, err, ErrBadSnapshot)
	}
	payload := p.Bytes()
	if crc32.Checksum(payload, crcTable) != binary.LittleEndian.Uint32(h[4:8]) {
		return nil, fmt.Errorf("snapshot frame checksum mismatch: %w", ErrBadSnapshot)
	}
	return payload, nil
}

func decodeFrame(payload []byte, v any) error {
	if err := gob.NewDecoder(bytes.NewReader(payload)).Decode(v); err != nil {
		return fmt.Errorf("decoding snapshot frame: %v: %w", err, ErrBadSnapshot)
	}
	return nil
}

// ReadSnapshotInfo reads only the header of a snapshot.
func ReadSnapshotInfo(r io.Reader) (SnapshotInfo, int, error) {
	magic := make([]byte, len(snapMagic)+4)
	if _, err := io.ReadFull(r, magic); err != nil {
		return SnapshotInfo{}, 0, fmt.Errorf("snapshot too short: %w: %w", err, ErrBadSnapshot)
	}
	if string(magic[:len(snapMagic)]) != snapMagic {
		return SnapshotInfo{}, 0, fmt.Errorf("not a cablegraph snapshot: %w", ErrBadSnapshot)
	}
	if v := binary.LittleEndian.Uint32(magic[len(snapMagic):]); v != snapVersion {
		return SnapshotInfo{}, 0, fmt.Errorf("snapshot format version %d, this build reads %d: %w", v, snapVersion, ErrBadSnapshot)
	}
	p, err := readFrame(r)
	if err != nil {
		return SnapshotInfo{}, 0, err
	}
	var h snapshotHeader
	if err := decodeFrame(p, &h); err != nil {
		return SnapshotInfo{}, 0, err
	}
	if h.Frames < 0 || h.Info.Cables < 0 || h.Frames != (h.Info.Cables+snapFrame-1)/snapFrame {
		return SnapshotInfo{}, 0, fmt.Errorf("snapshot header: %d cables in %d frames: %w", h.Info.Cables, h.Frames, ErrBadSnapshot)
	}
	return h.Info, h.Frames, nil
}

// ReadSnapshot builds a new store from a snapshot written by WriteSnapshot
// for the same key. Frames are decoded and prepared on every core and
// applied in order as WriteCables applies them, so that the store is the
// one the original writes built (slots renumbered without the replaced cables). A damaged snapshot,
// one of another format version or made for another key fails with an
// error wrapping ErrBadSnapshot, never a panic.
func ReadSnapshot(ctx context.Context, r io.Reader, key string) (*Store, SnapshotInfo, error) {
	br := bufio.NewReaderSize(r, snapBufSize)
	info, frames, err := ReadSnapshotInfo(br)
	if err != nil {
		return nil, info, err
	}
	if info.Key != key {
		return nil, info, fmt.Errorf("snapshot made for %q, wanted %q: %w", info.Key, key, ErrBadSnapshot)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		recs []*cableRec
		err  error
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	order := make(chan chan result, 2*workers) // frames in file order
	jobs := make(chan func(), workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for j := range jobs {
				j()
			}
		})
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for range frames {
			out := make(chan result, 1)
			p, err := readFrame(br)
			if err == nil && ctx.Err() != nil {
				err = fmt.Errorf("reading snapshot: %w", ctx.Err())
			}
			if err != nil {
				out <- result{err: err}
				select {
				case order <- out:
				case <-ctx.Done():
				}
				return
			}
			select {
			case order <- out:
			case <-ctx.Done():
				return
			}
			jobs <- func() {
				var batch []snapCable
				if err := decodeFrame(p, &batch); err != nil {
					out <- result{err: err}
					return
				}
				// Prepared here, on every core, so that only linking
				// (serial, under the write lock) is left for the
				// applier, overlapping with the next frames.
				res := result{recs: make([]*cableRec, 0, len(batch))}
				for _, c := range batch {
					if c.Cable == nil {
						res.err = fmt.Errorf("snapshot frame holds no cable: %w", ErrBadSnapshot)
						break
					}
					r, err := prepareIndexed(c.Cable, c.Hash)
					if err != nil {
						res.err = fmt.Errorf("restoring snapshot: %v: %w", err, ErrBadSnapshot)
						break
					}
					res.recs = append(res.recs, r)
				}
				out <- res
			}
		}
	}()
	defer func() {
		cancel()
		for range order { // let the reader and workers finish
		}
		wg.Wait()
	}()

	s := New()
	n, got := 0, 0
	for out := range order {
		res := <-out
		if res.err != nil {
			return nil, info, res.err
		}
		if err := s.apply(ctx, res.recs); err != nil {
			return nil, info, fmt.Errorf("reading snapshot: %w", err)
		}
		n += len(res.recs)
		got++
	}
	if err := ctx.Err(); err != nil {
		return nil, info, fmt.Errorf("reading snapshot: %w", err)
	}
	if got != frames || n != info.Cables {
		return nil, info, fmt.Errorf("snapshot holds %d cables in %d frames, header says %d in %d: %w", n, got, info.Cables, frames, ErrBadSnapshot)
	}
	if _, err := br.ReadByte(); err != io.EOF {
		return nil, info, fmt.Errorf("snapshot has data after its last frame: %w", ErrBadSnapshot)
	}
	if info.Dataset != (graph.DatasetInfo{}) {
		if err := s.SetDataset(ctx, info.Dataset); err != nil {
			return nil, info, err
		}
	}
	return s, info, nil
}
