package parse

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cablegraph/cablegraph/graph"
)

// csvColumns is the number of columns of the release's cables.csv.
const csvColumns = 8

// splitCSV streams the release's cables.csv: no header row, every field
// quoted, quotes inside fields escaped with a backslash (\"), which
// encoding/csv cannot read. A row whose quoting is broken would swallow the
// rest of the file, so a line that looks like the start of a new row while a
// quoted field is still open ends the broken row (reported) and starts the
// next one: the reader resynchronises instead of losing data.
func splitCSV(ctx context.Context, path string, br *bufio.Reader, max int, fn func(Record) error, onFail func(*Failure)) error {
	var (
		buf       []byte // current record
		line      = 0    // current line number (1-based once read)
		startLine int
		inQuote   bool
		escaped   bool
		tooBig    bool
		index     int
	)
	flush := func(broken bool) error {
		if startLine == 0 {
			return nil
		}
		index++
		rec := Record{Path: path, Format: graph.FormatCSV, Index: index, Line: startLine}
		switch {
		case tooBig:
			onFail(failf(rec, "record larger than %d bytes", max))
		case broken:
			onFail(failf(rec, "broken quoting: row ends inside a quoted field"))
		default:
			fields, err := splitFields(buf)
			if err != nil {
				onFail(failf(rec, "%v", err))
				break
			}
			if len(fields) != csvColumns {
				onFail(failf(rec, "expected %d columns, found %d", csvColumns, len(fields)))
				break
			}
			rec.Fields = fields
			rec.Data = []byte(fields[7])
			if err := fn(rec); err != nil {
				return err
			}
		}
		buf, startLine, inQuote, escaped, tooBig = buf[:0], 0, false, false, false
		return nil
	}
	for {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("csv %s: %w", path, err)
		}
		chunk, err := readLine(br, max)
		if len(chunk) > 0 {
			line++
			if startLine != 0 && inQuote && csvRowStart.Match(chunk) {
				if ferr := flush(true); ferr != nil {
					return ferr
				}
			}
			if startLine == 0 {
				if len(bytes.TrimSpace(chunk)) == 0 {
					goto next
				}
				startLine = line
			}
			for _, c := range chunk {
				switch {
				case escaped:
					escaped = false
				case c == '\\' && inQuote:
					escaped = true
				case c == '"':
					inQuote = !inQuote
				}
			}
			if !tooBig {
				if len(buf)+len(chunk) > max {
					tooBig = true
					buf = buf[:0]
				} else {
					buf = append(buf, chunk...)
				}
			}
			if !inQuote && (chunk[len(chunk)-1] == '\n' || errors.Is(err, io.EOF)) {
				if ferr := flush(false); ferr != nil {
					return ferr
				}
			}
		}
	next:
		if err != nil {
			if errors.Is(err, io.EOF) {
				return flush(inQuote)
			}
			return fmt.Errorf("read %s: %w", path, err)
		}
	}
}

// readLine returns the next line including its '\n'. Lines longer than the
// reader's buffer come back in pieces; pieces never exceed max+1 bytes in
// total so that a 50 MB line without newline costs bounded memory.
func readLine(br *bufio.Reader, max int) ([]byte, error) {
	var out []byte
	for {
		part, err := br.ReadSlice('\n')
		if len(out) <= max {
			out = append(out, part...)
		}
		if errors.Is(err, bufio.ErrBufferFull) {
			continue
		}
		return out, err
	}
}

// splitFields splits one complete row into its unquoted, unescaped fields.
func splitFields(row []byte) ([]string, error) {
	return splitFieldsMode(row, false)
}

// splitFieldsMode with lenient set accepts an unterminated last field (a
// row cut off at the end of an embedded copy) as running to the end.
func splitFieldsMode(row []byte, lenient bool) ([]string, error) {
	row = bytes.TrimRight(row, "\r\n")
	var (
		fields []string
		cur    []byte
		i      int
	)
	for {
		for i < len(row) && (row[i] == ' ' || row[i] == '\t') {
			i++
		}
		cur = cur[:0]
		if i < len(row) && row[i] == '"' {
			i++
			closed := false
			for i < len(row) {
				c := row[i]
				if c == '\\' && i+1 < len(row) && (row[i+1] == '"' || row[i+1] == '\\') {
					cur = append(cur, row[i+1])
					i += 2
					continue
				}
				if c == '"' {
					if i+1 < len(row) && row[i+1] == '"' {
						cur = append(cur, '"')
						i += 2
						continue
					}
					i++
					closed = true
					break
				}
				cur = append(cur, c)
				i++
			}
			if !closed && lenient {
				return append(fields, string(cur)), nil
			}
			if !closed {
				return nil, fmt.Errorf("unterminated quoted field %d", len(fields)+1)
			}
			for i < len(row) && row[i] != ',' {
				if row[i] != ' ' && row[i] != '\t' {
					return nil, fmt.Errorf("text after closing quote in field %d", len(fields)+1)
				}
				i++
			}
		} else {
			for i < len(row) && row[i] != ',' {
				cur = append(cur, row[i])
				i++
			}
		}
		fields = append(fields, string(cur))
		if i >= len(row) {
			return fields, nil
		}
		i++ // the comma
	}
}
