package parse

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/cablegraph/cablegraph/graph"
)

// Records splits one input into records and calls fn for each, in input
// order. A record that cannot even be split out (e.g. a CSV row with a broken
// quote) is passed as a *Failure to onFail and reading goes on with the next
// record. Returns only on I/O error, ctx cancel, or fn error. Memory does not
// grow with input size: CSV is streamed and any single record is capped at
// opts.MaxRecordBytes.
func Records(ctx context.Context, path string, r io.Reader, opts Options, fn func(Record) error, onFail func(*Failure)) error {
	br := bufio.NewReaderSize(r, 64<<10)
	format := opts.Format
	if format == "" {
		head, err := br.Peek(4096)
		if err != nil && !errors.Is(err, io.EOF) && !errors.Is(err, bufio.ErrBufferFull) {
			return fmt.Errorf("read %s: %w", path, err)
		}
		format = Detect(path, head)
		if format == "" {
			if len(head) == 0 {
				onFail(&Failure{Path: path, Line: 1, Reason: "empty input"})
			} else {
				onFail(&Failure{Path: path, Line: 1, Reason: "unknown format (not a cable in any supported format)"})
			}
			_, err := io.Copy(io.Discard, br)
			if err != nil {
				return fmt.Errorf("read %s: %w", path, err)
			}
			return nil
		}
	}
	if format == graph.FormatCSV {
		return splitCSV(ctx, path, br, opts.maxBytes(), fn, onFail)
	}
	max := opts.maxBytes()
	data, err := io.ReadAll(io.LimitReader(br, int64(max)+1))
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if len(data) > max {
		n, err := io.Copy(io.Discard, br)
		if err != nil {
			return fmt.Errorf("read %s: %w", path, err)
		}
		onFail(&Failure{Path: path, Line: 1, Reason: fmt.Sprintf("record larger than %d bytes (%d bytes)", max, int64(len(data))+n)})
		return nil
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("records %s: %w", path, err)
	}
	return fn(Record{Path: path, Format: format, Line: 1, Data: data})
}
