package parse

import "fmt"

// Record is one raw cable read from an input, before parsing. Splitting an
// input into records is sequential and cheap; parsing a record is pure and
// is run in parallel by the loader.
type Record struct {
	Path   string   // file path as given ("-" for stdin)
	Format string   // graph.Format* constant (detected or forced)
	Index  int      // 1-based record number within the file (CSV row), 0 for single-cable files
	Line   int      // 1-based line where the record starts (CSV), else 1
	Data   []byte   // the raw record (for CSV: the body column; other formats: the whole file)
	Fields []string // CSV only: the 8 columns (row number, date, id, origin, classification, refs, header, body)
}

// Failure describes a record that could not be parsed; it implements error.
// Reason is human-readable.
type Failure struct {
	Path   string
	Record int
	Line   int
	Reason string
}

// Error formats the failure as "path:line: record N: reason".
func (f *Failure) Error() string {
	s := f.Path
	if f.Line > 0 {
		s += fmt.Sprintf(":%d", f.Line)
	}
	if f.Record > 0 {
		s += fmt.Sprintf(": record %d", f.Record)
	}
	return s + ": " + f.Reason
}

// Options tune Records.
type Options struct {
	Format         string // "" = auto-detect
	MaxRecordBytes int    // 0 = DefaultMaxRecordBytes
}

// DefaultMaxRecordBytes caps one record so that a corrupt input cannot make
// memory grow without bound.
const DefaultMaxRecordBytes = 64 << 20

func (o Options) maxBytes() int {
	if o.MaxRecordBytes <= 0 {
		return DefaultMaxRecordBytes
	}
	return o.MaxRecordBytes
}

func failf(rec Record, format string, args ...any) *Failure {
	return &Failure{Path: rec.Path, Record: rec.Index, Line: rec.Line, Reason: fmt.Sprintf(format, args...)}
}
