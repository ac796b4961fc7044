package loader

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
)

// spoolGzip compresses the spool (gzip at BestSpeed), see BenchmarkSpool
// and the package doc for what it costs and saves.
const spoolGzip = true

// spool holds the cables of phase 1 on disk, in input order, one line
// each: the content hash, a space and the cable's JSON (the very bytes
// that were hashed, so reading a line back gives the same cable and hash).
type spool struct {
	f  *os.File
	gz bool
	zw *gzip.Writer
	bw *bufio.Writer
	n  int // cables written
}

func newSpool(dir string, gz bool) (*spool, error) {
	f, err := os.CreateTemp(dir, "cablegraph-spool-*.jsonl")
	if err != nil {
		return nil, fmt.Errorf("creating the spool file for person key resolution (Options.TempDir, or NoResolve): %w", err)
	}
	s := &spool{f: f, gz: gz}
	var w io.Writer = f
	if gz {
		s.zw, _ = gzip.NewWriterLevel(f, gzip.BestSpeed) // the level is valid
		w = s.zw
	}
	s.bw = bufio.NewWriterSize(w, 1<<20)
	return s, nil
}

// write appends one cable with its hash.
func (s *spool) write(it Item) error {
	raw := it.raw
	if raw == nil {
		var err error
		if raw, err = json.Marshal(it.Cable); err != nil {
			return fmt.Errorf("spooling cable %s: %w", it.Cable.ID, err)
		}
	}
	// "[=]hash[.raw] json": = marks a cable skipped by its raw hash.
	if it.skipped {
		s.bw.WriteByte('=')
	}
	s.bw.WriteString(storedHash(it.Hash, it.RawHash))
	s.bw.WriteByte(' ')
	s.bw.Write(raw)
	if err := s.bw.WriteByte('\n'); err != nil {
		return fmt.Errorf("writing the spool file %s: %w", s.f.Name(), err)
	}
	s.n++
	return nil
}

func (s *spool) count() int { return s.n }

// finish flushes what was written so that it can be read back.
func (s *spool) finish() error {
	err := s.bw.Flush()
	if s.zw != nil {
		err = errors.Join(err, s.zw.Close())
	}
	if err != nil {
		return fmt.Errorf("writing the spool file %s: %w", s.f.Name(), err)
	}
	return nil
}

// reader rewinds the spool file and returns a buffered reader over its
// lines (decompressed when the spool is gzipped) and a function to close it.
func (s *spool) reader() (*bufio.Reader, func(), error) {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, fmt.Errorf("rewinding the spool file %s: %w", s.f.Name(), err)
	}
	var r io.Reader = s.f
	done := func() {}
	if s.gz {
		zr, err := gzip.NewReader(bufio.NewReaderSize(s.f, 1<<20))
		if err != nil {
			return nil, nil, fmt.Errorf("reading the spool file %s: %w", s.f.Name(), err)
		}
		r, done = zr, func() { zr.Close() }
	}
	return bufio.NewReaderSize(r, 1<<20), done, nil
}

// decode reads spool line n (0-based), "header json\n" (see write).
func (s *spool) decode(n int, line []byte) (Item, error) {
	hash, raw, ok := bytes.Cut(bytes.TrimSuffix(line, []byte("\n")), []byte(" "))
	if !ok {
		return Item{}, fmt.Errorf("spool file %s: line %d is damaged", s.f.Name(), n+1)
	}
	it := Item{Seq: n}
	it.setHeader(hash)
	if err := json.Unmarshal(raw, &it.Cable); err != nil {
		return Item{}, fmt.Errorf("spool file %s: line %d is damaged: %w", s.f.Name(), n+1, err)
	}
	if it.Cable == nil {
		return Item{}, fmt.Errorf("spool file %s: line %d holds no cable", s.f.Name(), n+1)
	}
	return it, nil
}

// setHeader sets the hashes and the skipped mark from a spool line's
// header, "[=]hash[.raw]" (see write).
func (it *Item) setHeader(header []byte) {
	if rest, ok := bytes.CutPrefix(header, []byte("=")); ok {
		it.skipped, header = true, rest
	}
	h, r, _ := bytes.Cut(header, []byte("."))
	it.Hash, it.RawHash = string(h), string(r)
}

// remove closes and deletes the spool file.
func (s *spool) remove() error {
	name := s.f.Name()
	err := errors.Join(s.f.Close(), os.Remove(name))
	if err != nil {
		return fmt.Errorf("removing the spool file %s: %w", name, err)
	}
	return nil
}
