package memstore

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"

	"github.com/cablegraph/cablegraph/graph"
)

// docCodec stores each cable document as deflated JSON. The document holds
// the body twice (as text and as paragraphs) and is most of the store's
// memory; deflate at best speed shrinks it several times over for a small
// cost on write and on Reader.Cables, which decodes one page at a time.
type docCodec struct{}

// docEncoder deflates documents with one reusable writer: building a
// flate.Writer costs more than compressing a cable, so each write worker
// keeps its own.
type docEncoder struct {
	buf bytes.Buffer
	w   *flate.Writer
}

func (d *docCodec) encoder() *docEncoder {
	e := &docEncoder{}
	w, err := flate.NewWriter(&e.buf, flate.BestSpeed)
	if err != nil {
		panic(err) // only for an invalid level, and BestSpeed is valid
	}
	e.w = w
	return e
}

func (e *docEncoder) encode(c *graph.Cable) ([]byte, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode cable %s: %w", c.ID, err)
	}
	e.buf.Reset()
	e.w.Reset(&e.buf)
	if _, err := e.w.Write(raw); err != nil {
		return nil, fmt.Errorf("deflate cable %s: %w", c.ID, err)
	}
	if err := e.w.Close(); err != nil {
		return nil, fmt.Errorf("deflate cable %s: %w", c.ID, err)
	}
	return bytes.Clone(e.buf.Bytes()), nil // exact size, the buffer is reused
}

func (d *docCodec) decode(b []byte) (*graph.Cable, error) {
	raw, err := io.ReadAll(flate.NewReader(bytes.NewReader(b)))
	if err != nil {
		return nil, fmt.Errorf("inflate cable: %w", err)
	}
	c := new(graph.Cable)
	if err := json.Unmarshal(raw, c); err != nil {
		return nil, fmt.Errorf("decode cable: %w", err)
	}
	return c, nil
}
