package loader

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader/extract"
	"github.com/cablegraph/cablegraph/loader/parse"
)

// A re-load of an unchanged corpus should cost reading it, not parsing and
// extracting it again. So every cable is stored with two hashes, "content.raw"
// (see storedHash): the content hash of what was written, and the hash of the
// raw record it came from together with everything else that decides the
// parse and extraction (the program itself, the extractor's configuration,
// where the record was read from). Before parsing a record, the loader
// looks its raw hash up among the stored ones; a hit is an unchanged cable
// and is neither parsed nor extracted.
//
// What is compared is conservative: a new binary, another gazetteer or the
// same record at another place in another file all miss, and the cable is
// parsed, extracted and compared by content hash as before. The one thing
// a hit skips is person key resolution for that cable: its keys stay as
// they were resolved when it was written, while the cables that do change
// are resolved with the stored counts of the others.

// storedHash is what the loader writes as a cable's hash: its content hash
// and its raw hash.
func storedHash(content, raw string) string {
	if raw == "" {
		return content
	}
	return content + "." + raw
}

// contentOf is the content part of a stored hash.
func contentOf(stored string) string {
	content, _, _ := strings.Cut(stored, ".")
	return content
}

// skipEntry is a stored cable found by its raw hash.
type skipEntry struct {
	id, content string
}

// skipIndex maps raw hash to the stored cable it produced; nil when the
// store cannot list its hashes.
type skipIndex map[string]skipEntry

// loadSkipIndex reads every stored "content.raw" hash when store can list
// them all at once (graph.HashIndex).
func loadSkipIndex(ctx context.Context, store graph.Writer) (skipIndex, error) {
	hl, ok := store.(graph.HashIndex)
	if !ok {
		return nil, nil
	}
	all, err := hl.AllCableHashes(ctx)
	if err != nil {
		return nil, fmt.Errorf("reading the stored hashes to skip unchanged records: %w", err)
	}
	idx := make(skipIndex, len(all))
	for id, h := range all {
		content, raw, ok := strings.Cut(h, ".")
		if ok && raw != "" {
			idx[raw] = skipEntry{id: id, content: content}
		}
	}
	return idx, nil
}

// rawSalt is the part of every raw hash that does not depend on the
// record: the running program's own bytes (a new parser or extractor is a
// new binary), what ext makes of the embedded example cable (it differs
// with another gazetteer or tables file), and the caller's salt.
func rawSalt(ext *extract.Extractor, extra string) (string, error) {
	h := sha256.New()
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("raw hash salt: %w", err)
	}
	f, err := os.Open(exe)
	if err != nil {
		return "", fmt.Errorf("raw hash salt: %w", err)
	}
	defer f.Close()
	if _, err := io.Copy(h, f); err != nil {
		return "", fmt.Errorf("raw hash salt: reading %s: %w", exe, err)
	}
	if ext != nil {
		recs := 0
		err := parse.Records(context.Background(), "08MOSCOW235.txt", bytes.NewReader(examples.Moscow235), parse.Options{},
			func(rec parse.Record) error {
				recs++
				c, err := parse.ParseRecord(rec)
				if err != nil || c == nil {
					return nil
				}
				ext.Extract(c)
				return json.NewEncoder(h).Encode(c)
			}, func(*parse.Failure) {})
		if err != nil {
			return "", fmt.Errorf("raw hash salt: %w", err)
		}
		fmt.Fprintf(h, "probe:%d\n", recs)
	} else {
		h.Write([]byte("no extractor\n"))
	}
	fmt.Fprintf(h, "salt:%q\n", extra)
	return hex.EncodeToString(h.Sum(nil)), nil
}

// rawHash is the hex sha256 of salt and everything the record carries.
func rawHash(salt string, rec parse.Record) string {
	h := sha256.New()
	h.Write([]byte(salt))
	for _, s := range []string{rec.Path, rec.Format, strconv.Itoa(rec.Index), strconv.Itoa(rec.Line), strconv.Itoa(len(rec.Fields))} {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	for _, s := range rec.Fields {
		h.Write([]byte(strconv.Itoa(len(s))))
		h.Write([]byte{':'})
		h.Write([]byte(s))
	}
	h.Write([]byte(strconv.Itoa(len(rec.Data))))
	h.Write([]byte{':'})
	h.Write(rec.Data)
	return hex.EncodeToString(h.Sum(nil))
}
