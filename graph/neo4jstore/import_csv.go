package neo4jstore

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// importArrayDelim separates the elements of a list property in the
// importer's CSV (--array-delimiter): the ASCII unit separator, which
// cable text does not contain (a value that does is refused, never split).
const (
	importArrayDelim    = "\x1f"
	importArrayDelimArg = "U+001F"
)

// Column types of the importer's CSV header.
const (
	colString   = ""
	colLong     = "long"
	colDouble   = "double"
	colBool     = "boolean"
	colStrings  = "string[]"
	colLongs    = "long[]"
	colDateTime = "datetime{timezone:UTC}"
)

// importColumn is one column: the row key it reads, the header it writes
// (a property name with its type, or an :ID/:START_ID/:END_ID field).
type importColumn struct {
	key, header, typ string
}

// csvFile is one node or relationship file of the import. It remembers
// whether a value spans lines, because only such files are passed to the
// importer's slower --multiline-fields parser.
type csvFile struct {
	path      string
	f         *os.File
	w         *bufio.Writer
	cols      []importColumn
	rows      int64
	multiline bool
	pending   []byte // rows of the batch being written, until commit
	pendRows  int64
}

func newCSVFile(path string, cols []importColumn) (*csvFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("import csv: %w", err)
	}
	c := &csvFile{path: path, f: f, w: bufio.NewWriterSize(f, 1<<20), cols: cols}
	for i, col := range cols {
		if i > 0 {
			_ = c.w.WriteByte(',')
		}
		h := col.header
		if col.typ != "" {
			h += ":" + col.typ
		}
		_, _ = c.w.WriteString(h)
	}
	_ = c.w.WriteByte('\n')
	return c, nil
}

// add encodes one row into the pending batch; a value the importer's CSV
// cannot carry exactly is an error (graph.ErrInvalid). Nothing reaches the
// file before commit, so a refused batch leaves no part of itself behind.
func (c *csvFile) add(row map[string]any) error {
	start := len(c.pending)
	for i, col := range c.cols {
		if i > 0 {
			c.pending = append(c.pending, ',')
		}
		b, err := c.appendValue(c.pending, col, row[col.key])
		if err != nil {
			c.pending = c.pending[:start]
			return fmt.Errorf("import csv %s, column %s: %w", c.path, col.header, err)
		}
		c.pending = b
	}
	c.pending = append(c.pending, '\n')
	c.pendRows++
	return nil
}

// discard forgets the pending rows.
func (c *csvFile) discard() { c.pending, c.pendRows = c.pending[:0], 0 }

// commit writes the pending rows.
func (c *csvFile) commit() error {
	if _, err := c.w.Write(c.pending); err != nil {
		return fmt.Errorf("import csv %s: %w", c.path, err)
	}
	c.rows += c.pendRows
	c.discard()
	return nil
}

// appendValue encodes v for the column: strings always quoted (so that ""
// stays an empty string; an unquoted empty field is an absent property),
// nil as an empty field, lists joined by the array delimiter. An empty
// list is written absent: the importer cannot tell it from null (the
// finish step restores the lists reads tell apart).
func (c *csvFile) appendValue(b []byte, col importColumn, v any) ([]byte, error) {
	if v == nil {
		return b, nil
	}
	switch x := v.(type) {
	case string:
		if col.typ == colStrings {
			return nil, fmt.Errorf("a string where a list is expected: %w", graph.ErrInvalid)
		}
		return c.appendQuoted(b, x), nil
	case int64:
		return strconv.AppendInt(b, x, 10), nil
	case int:
		return strconv.AppendInt(b, int64(x), 10), nil
	case float64:
		return strconv.AppendFloat(b, x, 'g', -1, 64), nil
	case bool:
		return strconv.AppendBool(b, x), nil
	case time.Time:
		return x.UTC().AppendFormat(b, "2006-01-02T15:04:05"), nil
	case []any:
		if len(x) == 0 {
			return b, nil
		}
		var sb strings.Builder
		for i, e := range x {
			if i > 0 {
				sb.WriteString(importArrayDelim)
			}
			switch y := e.(type) {
			case string:
				if y == "" || strings.Contains(y, importArrayDelim) {
					return nil, fmt.Errorf("list element %q cannot be written to an import list: %w", y, graph.ErrInvalid)
				}
				sb.WriteString(y)
			case int64:
				sb.WriteString(strconv.FormatInt(y, 10))
			default:
				return nil, fmt.Errorf("list element of type %T: %w", e, graph.ErrInvalid)
			}
		}
		return c.appendQuoted(b, sb.String()), nil
	}
	return nil, fmt.Errorf("value of type %T: %w", v, graph.ErrInvalid)
}

func (c *csvFile) appendQuoted(b []byte, s string) []byte {
	if !c.multiline && strings.ContainsAny(s, "\n\r") {
		c.multiline = true
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(s, '"')
		if i < 0 {
			break
		}
		b = append(b, s[:i+1]...)
		b = append(b, '"')
		s = s[i+1:]
	}
	b = append(b, s...)
	return append(b, '"')
}

func (c *csvFile) close() error {
	err := c.w.Flush()
	if cerr := c.f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("import csv %s: %w", c.path, err)
	}
	return nil
}
