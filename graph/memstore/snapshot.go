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
	"strings"
	"sync"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// A snapshot is the store written to disk so that a restart with unchanged
// inputs skips parsing and extraction, which are nearly all of a load's
// cost. It holds what was written (each live cable's stored document, the
// skeleton with its paragraph spans, and content hash, in write order, and
// the dataset info) and the text index's postings, the one index that is
// costly to rebuild (tokenising every body and growing a map of every
// term). Everything else is rebuilt: restoring replays the skeletons
// through the write path's build and link (as WriteCables does; linked on
// two cores and aggregated once at the end, see linkRestored and
// recomputeRestored), so that a restored store is by construction the
// store a load would build. Storing the skeleton rather than the written cable
// keeps paragraph texts once (in the body) and spares finding them again.
// See BenchmarkSnapshot for what writing and restoring cost.
//
// Layout: the magic line, a uint32 format version, then frames. Each frame
// is a uint32 payload length, a uint32 CRC-32C of the payload and the
// payload, which decodes on its own (so frames decode in parallel). The
// first frame holds a snapshotHeader (gob), then come frames of up to
// snapFrame cables (snapshot_codec.go), then frames of postings
// (snapshot_postings.go); the header says how many of each follow, so a
// truncated file is detected. Integers are little-endian. Version 4
// replaced gob in the cable and postings frames (restoring took half the
// CPU); older snapshots are refused and the inputs loaded again.

const (
	snapMagic    = "CABLEGRAPH MEMSTORE SNAPSHOT\n"
	snapVersion  = 4
	snapFrame    = 1000     // cables per frame, linked together on restore
	snapMaxLen   = 1 << 30  // a frame larger than this is damage, not data
	snapBufSize  = 1 << 20  // buffered I/O
	snapPosts    = 1 << 18  // postings per frame (about)
	snapReadStep = 64 << 20 // bytes of a frame allocated ahead of reading them
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
	Info          SnapshotInfo
	Frames        int // of cables
	PostingFrames int
	Terms         int // in the text index, to size its map once
}

// snapCable is one cable of a frame: its skeleton (see docs.go), the
// paragraph spans as (offset, length, line breaks 0/1) triples, and what
// the text index keeps of it.
type snapCable struct {
	Hash           string
	Doc            *graph.Cable
	Spans          []int32
	DocLen, NTerms int
}

// snapSpans flattens paragraph spans for a frame.
func snapSpans(spans []paraSpan) []int32 {
	if spans == nil {
		return nil
	}
	out := make([]int32, 0, 3*len(spans))
	for _, sp := range spans {
		nl := int32(0)
		if sp.nl {
			nl = 1
		}
		out = append(out, sp.off, sp.n, nl)
	}
	return out
}

// restoreRec rebuilds a cable's record from a decoded frame (whose
// repeated strings are interned and evidence shares the body already),
// checking what could make it panic later (spans outside the body).
func restoreRec(c snapCable, intern *interner) (*cableRec, error) {
	if c.Doc == nil || strings.TrimSpace(c.Doc.ID) == "" {
		return nil, fmt.Errorf("snapshot frame holds a cable without id: %w", ErrBadSnapshot)
	}
	if len(c.Spans) != 3*len(c.Doc.Paragraphs) {
		return nil, fmt.Errorf("snapshot cable %s: %d span values for %d paragraphs: %w", c.Doc.ID, len(c.Spans), len(c.Doc.Paragraphs), ErrBadSnapshot)
	}
	var spans []paraSpan
	if len(c.Doc.Paragraphs) > 0 {
		spans = make([]paraSpan, len(c.Doc.Paragraphs))
		for i := range spans {
			off, n, nl := c.Spans[3*i], c.Spans[3*i+1], c.Spans[3*i+2]
			switch {
			case off < 0:
				spans[i] = paraSpan{off: -1}
			case n < 0 || int64(off)+int64(n) > int64(len(c.Doc.Body)) || nl < 0 || nl > 1:
				return nil, fmt.Errorf("snapshot cable %s: paragraph %d spans %d+%d of a %d-byte body: %w", c.Doc.ID, i, off, n, len(c.Doc.Body), ErrBadSnapshot)
			default:
				spans[i] = paraSpan{off: off, n: n, nl: nl == 1}
			}
		}
	}
	r := build(c.Doc, spans, c.Hash, intern.list)
	r.docLen, r.nterms = c.DocLen, c.NTerms // the text index comes from the postings frames
	return r, nil
}

// interner is a restore worker's memo in front of in (unique.Make): the
// frames repeat codes, names and keys thousands of times, and a map hit
// is cheaper than the global table (see inBytes). It also shares the small
// lists and dates that cables repeat (see snapshot_shared.go). The zero
// value is ready to use.
type interner struct {
	strs  map[string]string
	lists map[string][]string     // a short list of strings, by its contents
	ints  map[string][]int        // a short list of integers, by its encoding
	times map[[2]int64]*time.Time // seconds and nanoseconds
	key   []byte
}

// WriteSnapshot writes every cable of the store, with its content hash, the
// dataset info and the text index, to w. The store stays readable
// meanwhile; writers wait until it is done.
func (s *Store) WriteSnapshot(ctx context.Context, w io.Writer, key, note string) (SnapshotInfo, error) {
	if err := ctx.Err(); err != nil {
		return SnapshotInfo{}, fmt.Errorf("writing snapshot: %w", err)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	live := make([]*cableRec, 0, len(s.cables))
	remap := make([]int32, len(s.slots)) // slot -> position in the file, -1 when replaced
	for i, r := range s.slots {
		remap[i] = -1
		if r != nil {
			remap[i] = int32(len(live))
			live = append(live, r)
		}
	}
	info := SnapshotInfo{Key: key, Created: time.Now().UTC().Truncate(time.Second), Cables: len(live), Dataset: s.dataset, Note: note}
	if t := info.Dataset.LoadedAt; t != nil {
		u := *t
		info.Dataset.LoadedAt = &u
	}
	posts := s.postingFrames()

	bw := bufio.NewWriterSize(w, snapBufSize)
	if _, err := bw.WriteString(snapMagic); err != nil {
		return info, fmt.Errorf("writing snapshot: %w", err)
	}
	var v [4]byte
	binary.LittleEndian.PutUint32(v[:], snapVersion)
	bw.Write(v[:])
	frames := (len(live) + snapFrame - 1) / snapFrame
	if err := writeGob(bw, snapshotHeader{Info: info, Frames: frames, PostingFrames: len(posts), Terms: len(s.text.postings)}); err != nil {
		return info, err
	}
	enc := newSnapEnc()
	batch := make([]snapCable, 0, snapFrame)
	for chunk := range slices.Chunk(live, snapFrame) {
		if err := ctx.Err(); err != nil {
			return info, fmt.Errorf("writing snapshot: %w", err)
		}
		batch = batch[:0]
		for _, r := range chunk {
			batch = append(batch, snapCable{Hash: r.hash, Doc: r.doc, Spans: snapSpans(r.spans), DocLen: r.docLen, NTerms: r.nterms})
		}
		if err := writeFrame(bw, encodeCables(enc, batch)); err != nil {
			return info, err
		}
	}
	for _, f := range posts {
		if err := ctx.Err(); err != nil {
			return info, fmt.Errorf("writing snapshot: %w", err)
		}
		if err := writeFrame(bw, f.encode(s.text.postings, remap)); err != nil {
			return info, err
		}
	}
	if err := bw.Flush(); err != nil {
		return info, fmt.Errorf("writing snapshot: %w", err)
	}
	return info, nil
}

// writeGob writes v as a gob frame (the header).
func writeGob(w io.Writer, v any) error {
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(v); err != nil {
		return fmt.Errorf("encoding snapshot frame: %w", err)
	}
	return writeFrame(w, buf.Bytes())
}

// writeFrame writes a payload with its length and checksum.
func writeFrame(w io.Writer, payload []byte) error {
	if len(payload) == 0 || len(payload) > snapMaxLen {
		return fmt.Errorf("snapshot frame of %d bytes outside 1..%d", len(payload), snapMaxLen)
	}
	var h [8]byte
	binary.LittleEndian.PutUint32(h[0:4], uint32(len(payload)))
	binary.LittleEndian.PutUint32(h[4:8], crc32.Checksum(payload, crcTable))
	if _, err := w.Write(h[:]); err != nil {
		return fmt.Errorf("writing snapshot: %w", err)
	}
	if _, err := w.Write(payload); err != nil {
		return fmt.Errorf("writing snapshot: %w", err)
	}
	return nil
}

// readFrame reads one frame's payload and checks it.
func readFrame(r io.Reader) ([]byte, error) { return readFrameInto(r, nil) }

// readFrameInto reads one frame's payload into buf when it is large
// enough, else into a new buffer, and checks it.
func readFrameInto(r io.Reader, buf []byte) ([]byte, error) {
	var h [8]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, fmt.Errorf("snapshot truncated (frame header): %w: %w", err, ErrBadSnapshot)
	}
	n := binary.LittleEndian.Uint32(h[0:4])
	if n == 0 || n > snapMaxLen {
		return nil, fmt.Errorf("snapshot frame length %d: %w", n, ErrBadSnapshot)
	}
	// Allocate at most snapReadStep ahead of the data, so that a damaged
	// length near the limit cannot allocate a gigabyte up front; a frame
	// of a normal size is read straight into a buffer of its size.
	payload := buf[:0]
	if cap(payload) < int(n) {
		payload = make([]byte, 0, min(int(n), snapReadStep))
	}
	for len(payload) < int(n) {
		k := min(int(n)-len(payload), snapReadStep)
		payload = slices.Grow(payload, k)
		m, err := io.ReadFull(r, payload[len(payload):len(payload)+k])
		payload = payload[:len(payload)+m]
		if err != nil {
			return nil, fmt.Errorf("snapshot truncated (frame of %d bytes, %d read): %w: %w", n, len(payload), err, ErrBadSnapshot)
		}
	}
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
func ReadSnapshotInfo(r io.Reader) (SnapshotInfo, error) {
	h, err := readHeader(r)
	return h.Info, err
}

func readHeader(r io.Reader) (snapshotHeader, error) {
	magic := make([]byte, len(snapMagic)+4)
	if _, err := io.ReadFull(r, magic); err != nil {
		return snapshotHeader{}, fmt.Errorf("snapshot too short: %w: %w", err, ErrBadSnapshot)
	}
	if string(magic[:len(snapMagic)]) != snapMagic {
		return snapshotHeader{}, fmt.Errorf("not a cablegraph snapshot: %w", ErrBadSnapshot)
	}
	if v := binary.LittleEndian.Uint32(magic[len(snapMagic):]); v != snapVersion {
		return snapshotHeader{}, fmt.Errorf("snapshot format version %d, this build reads %d: %w", v, snapVersion, ErrBadSnapshot)
	}
	p, err := readFrame(r)
	if err != nil {
		return snapshotHeader{}, err
	}
	var h snapshotHeader
	if err := decodeFrame(p, &h); err != nil {
		return snapshotHeader{}, err
	}
	if h.Frames < 0 || h.Info.Cables < 0 || h.PostingFrames < 0 || h.Frames != (h.Info.Cables+snapFrame-1)/snapFrame {
		return snapshotHeader{}, fmt.Errorf("snapshot header: %d cables in %d frames: %w", h.Info.Cables, h.Frames, ErrBadSnapshot)
	}
	return h, nil
}

// ReadSnapshot builds a new store from a snapshot written by WriteSnapshot
// for the same key. Frames are decoded and prepared on every core and
// applied in order as WriteCables applies them, so that the store is the
// one the original writes built (slots renumbered without the replaced cables). A damaged snapshot,
// one of another format version or made for another key fails with an
// error wrapping ErrBadSnapshot, never a panic.
func ReadSnapshot(ctx context.Context, r io.Reader, key string) (*Store, SnapshotInfo, error) {
	br := bufio.NewReaderSize(r, snapBufSize)
	h, err := readHeader(br)
	info, frames := h.Info, h.Frames
	if err != nil {
		return nil, info, err
	}
	if info.Key != key {
		return nil, info, fmt.Errorf("snapshot made for %q, wanted %q: %w", info.Key, key, ErrBadSnapshot)
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type result struct {
		recs  []*cableRec
		posts snapTerms
		err   error
	}
	workers := max(1, runtime.GOMAXPROCS(0))
	order := make(chan chan result, 2*workers) // frames in file order
	jobs := make(chan func(*interner), workers)
	// Payload buffers go round: the decoders copy out every string they
	// keep (snapshot_codec.go), so a decoded frame's buffer takes the next
	// frame, sparing a file's worth of garbage (and its collections).
	free := make(chan []byte, 2*workers+2)
	recycle := func(p []byte) {
		select {
		case free <- p:
		default:
		}
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			// One intern memo per worker, kept across frames: codes, names
			// and keys repeat across the whole corpus.
			intern := interner{strs: make(map[string]string, 1<<15)} // grown once rather than from empty
			for j := range jobs {
				j(&intern)
			}
		})
	}
	go func() {
		defer close(order)
		defer close(jobs)
		for i := range frames + h.PostingFrames {
			out := make(chan result, 1)
			var buf []byte
			select {
			case buf = <-free:
			default:
			}
			p, err := readFrameInto(br, buf)
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
			if i >= frames {
				jobs <- func(*interner) {
					posts, err := decodePostings(p, info.Cables)
					recycle(p)
					out <- result{posts: posts, err: err}
				}
				continue
			}
			jobs <- func(intern *interner) {
				batch, err := decodeCables(p, intern)
				recycle(p)
				if err != nil {
					out <- result{err: err}
					return
				}
				// Prepared here, on every core, so that only linking
				// (serial, under the write lock) is left for the
				// applier, overlapping with the next frames.
				res := result{recs: make([]*cableRec, 0, len(batch))}
				for _, c := range batch {
					r, err := restoreRec(c, intern)
					if err != nil {
						res.err = err
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
	// Sized once from the header instead of grown (and rehashed) while
	// linking; a damaged count costs at most a bounded allocation.
	s.text.postings = make(map[string]*[]posting, min(max(h.Terms, 0), 1<<23))
	s.cables = make(map[string]*cableRec, min(info.Cables, 1<<21))
	s.slots = make([]*cableRec, 0, min(info.Cables, 1<<21))
	n, got := 0, 0
	t := newTouched()
	for out := range order {
		res := <-out
		if res.err != nil {
			return nil, info, res.err
		}
		if got < frames {
			s.linkRestored(res.recs, t)
			n += len(res.recs)
		} else if err := s.addPostings(res.posts); err != nil {
			return nil, info, err
		}
		got++
	}
	if err := ctx.Err(); err != nil {
		return nil, info, fmt.Errorf("reading snapshot: %w", err)
	}
	// The aggregates once, over every cable: linking frame by frame and
	// recomputing per frame recomputed a popular person's names and
	// countries once per frame.
	s.recomputeRestored(t)
	if err := ctx.Err(); err != nil {
		return nil, info, fmt.Errorf("reading snapshot: %w", err)
	}
	if got != frames+h.PostingFrames || n != info.Cables || len(s.slots) != n {
		return nil, info, fmt.Errorf("snapshot holds %d cables in %d frames, header says %d in %d: %w", n, got, info.Cables, frames+h.PostingFrames, ErrBadSnapshot)
	}
	if len(s.cables) != n {
		return nil, info, fmt.Errorf("snapshot holds %d cables but %d distinct ids: %w", n, len(s.cables), ErrBadSnapshot)
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

// linkRestored links a frame's records as linkSides does. A snapshot
// holds each cable once, so nothing is replaced; the aggregates wait for
// recomputeRestored.
func (s *Store) linkRestored(recs []*cableRec, t touched) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.linkSides(recs, t)
}

// recomputeRestored computes the aggregates of a restore's nodes
// (recomputeAll).
func (s *Store) recomputeRestored(t touched) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.recomputeAll(t)
}

// addPostings installs restored posting lists in the text index.
func (s *Store) addPostings(posts snapTerms) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.text
	for i, t := range posts.terms {
		if _, dup := ix.postings[t]; dup {
			return fmt.Errorf("snapshot postings: term %q twice: %w", t, ErrBadSnapshot)
		}
		ix.postings[t] = &posts.lists[i]
		ix.total += len(posts.lists[i])
	}
	ix.vocab = nil
	return nil
}
