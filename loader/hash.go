package loader

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/cablegraph/cablegraph/graph"
)

// ContentHash is the hex sha256 of the cable's JSON (parsed fields, source
// and extracted entities together). It changes whenever anything the store
// would hold for the cable changes, including where it was read from and
// what a newer extractor finds in it, so reloading after an extractor
// upgrade rewrites the cables whose facts changed and only those.
func ContentHash(c *graph.Cable) (string, error) {
	_, h, err := contentJSON(c)
	return h, err
}

// contentJSON is the cable's JSON and ContentHash.
func contentJSON(c *graph.Cable) ([]byte, string, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, "", fmt.Errorf("hashing cable %s: %w", c.ID, err)
	}
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:]), nil
}

// DatasetVersion is the hex sha256 over the lines "id:hash\n" of the given
// cables sorted by id. It depends only on which cables were seen and their
// content, not on input order, file layout or the number of workers.
func DatasetVersion(hashes map[string]string) string {
	ids := make([]string, 0, len(hashes))
	for id := range hashes {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	h := sha256.New()
	for _, id := range ids {
		fmt.Fprintf(h, "%s:%s\n", id, hashes[id])
	}
	return hex.EncodeToString(h.Sum(nil))
}
