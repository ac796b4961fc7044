package loader

import "github.com/cablegraph/cablegraph/graph"

// SpoolRoundTrip writes c in the spool's encoding and reads it back, with
// the content hash computed on the way (for the tests of loader_test).
func SpoolRoundTrip(c *graph.Cable) (*graph.Cable, string, error) {
	enc, h, err := contentEncoding(c)
	if err != nil {
		return nil, "", err
	}
	back, err := decodeCable(enc)
	return back, h, err
}

// SpoolEncoding is c's spool encoding, and DecodeSpool reads one back.
func SpoolEncoding(c *graph.Cable) ([]byte, error) {
	enc, _, err := contentEncoding(c)
	return enc, err
}

func DecodeSpool(b []byte) (*graph.Cable, error) { return decodeCable(b) }

// SameInteraction is sameInteraction, for the tests of loader_test.
var SameInteraction = sameInteraction
