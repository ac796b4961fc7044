package loader

import (
	"context"
	"strings"
	"testing"
	"unsafe"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/memstore"
)

// TestWriterSeenKeysDoNotPinRecords writes cables whose strings are slices
// of one large buffer, as the spool decoder gives them, and checks that the
// ids kept for the dataset version are copies: a key sliced from the buffer
// would keep the whole record alive until the load ends.
func TestWriterSeenKeysDoNotPinRecords(t *testing.T) {
	ctx := context.Background()
	record := strings.Repeat("body text ", 1000) + "09AAA1" + "09AAA2"
	base := uintptr(unsafe.Pointer(unsafe.StringData(record)))
	inRecord := func(s string) bool {
		p := uintptr(unsafe.Pointer(unsafe.StringData(s)))
		return p >= base && p < base+uintptr(len(record))
	}
	n := len(record)
	items := []Item{
		{Cable: &graph.Cable{ID: record[n-12 : n-6], Body: record[:100]}, Hash: "h1"},
		{Cable: &graph.Cable{ID: record[n-6:], Body: record[:100]}, Hash: "h2"},
	}
	for _, it := range items {
		if !inRecord(it.Cable.ID) {
			t.Fatal("fixture: the id is not a slice of the record")
		}
	}
	for _, force := range []bool{false, true} {
		w := writer{store: memstore.New(), opts: Options{Force: force}.withDefaults(), c: &counters{}, seen: map[string]string{}}
		// The second write finds the cables unchanged: the other place ids are kept.
		for range 2 {
			if err := w.write(ctx, items); err != nil {
				t.Fatal(err)
			}
		}
		if len(w.seen) != 2 {
			t.Fatalf("force=%v: %d ids seen, want 2", force, len(w.seen))
		}
		for id := range w.seen {
			if inRecord(id) {
				t.Errorf("force=%v: the id %s kept for the dataset version is a slice of its record", force, id)
			}
		}
	}
}
