package memstore

import (
	"bytes"
	"compress/flate"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"github.com/cablegraph/cablegraph/graph"
)

// docCodec stores each cable document as deflated JSON. The document holds
// the body twice (as text and as paragraphs) and is most of the store's
// memory; deflate at best speed shrinks it several times over for a small
// cost on write and on Reader.Cables, which decodes one page at a time.
type docCodec struct {
	writers sync.Pool // *flate.Writer, reused across writes
}

func (d *docCodec) encode(c *graph.Cable) ([]byte, error) {
	raw, err := json.Marshal(c)
	if err != nil {
		return nil, fmt.Errorf("encode cable %s: %w", c.ID, err)
	}
	var buf bytes.Buffer
	w, _ := d.writers.Get().(*flate.Writer)
	if w == nil {
		if w, err = flate.NewWriter(&buf, flate.BestSpeed); err != nil {
			return nil, fmt.Errorf("deflate cable %s: %w", c.ID, err)
		}
	} else {
		w.Reset(&buf)
	}
	defer d.writers.Put(w)
	if _, err := w.Write(raw); err != nil {
		return nil, fmt.Errorf("deflate cable %s: %w", c.ID, err)
	}
	if err := w.Close(); err != nil {
		return nil, fmt.Errorf("deflate cable %s: %w", c.ID, err)
	}
	return bytes.Clone(buf.Bytes()), nil // exact size: buf grew by doubling
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
