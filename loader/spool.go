package loader

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/klauspost/compress/s2"
)

// spoolCompress compresses the spool file with S2 (a Snappy successor):
// see BenchmarkSpool and the package doc for what it costs and saves. It
// replaced gzip at BestSpeed, which cost a fifth of a load's CPU through
// the spool (profile of load --import-dir on 10,000 generated cables) for
// a file about half the size.
const spoolCompress = true

// spool holds the cables of phase 1 on disk, in input order, one record
// each: the length of the header ("[=]hash[.raw]", see write) and the
// header, then the length of the cable's canonical encoding and the
// encoding (the very bytes that were hashed, see spool_codec.go), lengths
// as uvarints.
type spool struct {
	f   *os.File
	zip bool
	zw  *s2.Writer
	bw  *bufio.Writer
	n   int // cables written
}

func newSpool(dir string, zip bool) (*spool, error) {
	f, err := os.CreateTemp(dir, "cablegraph-spool-*.bin")
	if err != nil {
		return nil, fmt.Errorf("creating the spool file for person key resolution (Options.TempDir, or NoResolve): %w", err)
	}
	s := &spool{f: f, zip: zip}
	var w io.Writer = f
	if zip {
		// One block at a time, on the writing goroutine: the pipeline's
		// workers already use every core.
		s.zw = s2.NewWriter(f, s2.WriterConcurrency(1))
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
		if raw, _, err = contentEncoding(it.Cable); err != nil {
			return fmt.Errorf("spooling cable: %w", err)
		}
	}
	// Header "[=]hash[.raw]": = marks a cable skipped by its raw hash.
	header := storedHash(it.Hash, it.RawHash)
	if it.skipped {
		header = "=" + header
	}
	var n [binary.MaxVarintLen64]byte
	s.bw.Write(n[:binary.PutUvarint(n[:], uint64(len(header)))])
	s.bw.WriteString(header)
	s.bw.Write(n[:binary.PutUvarint(n[:], uint64(len(raw)))])
	if _, err := s.bw.Write(raw); err != nil {
		return fmt.Errorf("writing the spool file %s: %w", s.f.Name(), err)
	}
	s.n++
	return nil
}

// maxSpoolRecord bounds a length read back from the spool file, so that
// a damaged length cannot ask for more memory than any cable takes.
const maxSpoolRecord = 1 << 30

// next reads the next record written by write: its header and encoding.
func (s *spool) next(br *bufio.Reader) (header, enc []byte, err error) {
	read := func() ([]byte, error) {
		n, err := binary.ReadUvarint(br)
		if err != nil {
			return nil, err
		}
		if n > maxSpoolRecord {
			return nil, fmt.Errorf("a record of %d bytes: %w", n, errSpoolDamaged)
		}
		b := make([]byte, n)
		if _, err := io.ReadFull(br, b); err != nil {
			return nil, err
		}
		return b, nil
	}
	if header, err = read(); err != nil {
		return nil, nil, err
	}
	if enc, err = read(); err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, nil, err
	}
	return header, enc, nil
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
// records (decompressed when the spool is compressed) and a function to
// close it.
func (s *spool) reader() (*bufio.Reader, func(), error) {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return nil, nil, fmt.Errorf("rewinding the spool file %s: %w", s.f.Name(), err)
	}
	var r io.Reader = s.f
	if s.zip {
		r = s2.NewReader(s.f)
	}
	return bufio.NewReaderSize(r, 1<<20), func() {}, nil
}

// decode reads spool record n (0-based) from its header and encoding
// (see write).
func (s *spool) decode(n int, header, enc []byte) (Item, error) {
	it := Item{Seq: n}
	it.setHeader(header)
	c, err := decodeCable(enc)
	if err != nil {
		return Item{}, fmt.Errorf("spool file %s: record %d is damaged: %w", s.f.Name(), n+1, err)
	}
	it.Cable = c
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
