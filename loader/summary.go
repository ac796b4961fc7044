package loader

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/loader/parse"
)

// Summary says what a load did. Read = Loaded + Unchanged + Failed +
// Duplicates + Dropped, where Dropped counts records read but not written
// because the load stopped early (interrupted, strict, or a store error).
type Summary struct {
	Read       int // records read from the inputs
	Loaded     int // cables written (new or changed)
	Unchanged  int // cables skipped because the stored content hash is the same
	Skipped    int // of Unchanged, records recognised by their raw hash and never parsed (see rawhash.go)
	Failed     int // records that could not be read, parsed or extracted
	Duplicates int // records superseded by a later record with the same id in the same batch
	Dropped    int // records read but not written because the load stopped early
	Cables     int // distinct cables seen (loaded or unchanged)
	Batches    int // store writes
	Bytes      int64
	Duration   time.Duration
	Folded     int             // bare person keys folded into a qualified key (see Options.NoResolve)
	Resolve    time.Duration   // time of phase 2: resolving person keys and reading the spool back
	Version    string          // dataset version recorded, "" when none was
	Failures   []parse.Failure // the first MaxFailures failures, in input order
}

// Where names a failure's place: "path record 3 line 12".
func Where(f parse.Failure) string {
	s := f.Path
	if s == "" {
		s = "(input)"
	}
	if f.Record > 0 {
		s += fmt.Sprintf(" record %d", f.Record)
	}
	if f.Line > 0 {
		s += fmt.Sprintf(" line %d", f.Line)
	}
	return s
}

// Write prints the summary for people: one line of figures, the dataset
// version, and up to max failures with where to find the rest (failuresFile
// is where the full list was written, "" when it was not).
func (s Summary) Write(w io.Writer, max int, failuresFile string) error {
	secs := s.Duration.Seconds()
	rate, mb := 0.0, 0.0
	if secs > 0 {
		rate = float64(s.Loaded+s.Unchanged) / secs
		mb = float64(s.Bytes) / 1e6 / secs
	}
	ew := &errWriter{w: w}
	ew.printf("read %d records (%.1f MB) in %s: %d loaded, %d unchanged, %d failed",
		s.Read, float64(s.Bytes)/1e6, s.Duration.Round(time.Millisecond), s.Loaded, s.Unchanged, s.Failed)
	if s.Skipped > 0 {
		ew.printf(" (%d of them recognised unparsed by their raw hash)", s.Skipped)
	}
	if s.Duplicates > 0 {
		ew.printf(", %d duplicates superseded", s.Duplicates)
	}
	if s.Dropped > 0 {
		ew.printf(", %d not written (stopped early)", s.Dropped)
	}
	ew.printf("; %s cables/s, %.1f MB/s\n", formatRate(rate), mb)
	if s.Folded > 0 {
		ew.printf("person keys: %d bare keys folded into a qualified key; resolving and writing took %s\n", s.Folded, s.Resolve.Round(time.Millisecond))
	}
	if s.Version != "" {
		ew.printf("dataset version %s (%d cables)\n", s.Version, s.Cables)
	}
	if s.Failed == 0 {
		return ew.err
	}
	ew.printf("failures (file, record, reason):\n")
	n := min(max, len(s.Failures))
	for _, f := range s.Failures[:n] {
		ew.printf("  %s: %s\n", Where(f), f.Reason)
	}
	switch more := s.Failed - n; {
	case more > 0 && failuresFile != "":
		ew.printf("  ... and %d more; all %d are in %s\n", more, s.Failed, failuresFile)
	case more > 0:
		ew.printf("  ... and %d more (use --failures FILE to write them all)\n", more)
	case failuresFile != "":
		ew.printf("  (also written to %s)\n", failuresFile)
	}
	return ew.err
}

// FormatFailure is one line of a failures file: tab-separated path,
// record, line and reason.
func FormatFailure(f parse.Failure) string {
	clean := strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")
	return fmt.Sprintf("%s\t%d\t%d\t%s\n", clean.Replace(f.Path), f.Record, f.Line, clean.Replace(f.Reason))
}

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
