package query

import "github.com/cablegraph/cablegraph/graph"

// kindWeight ranks interaction kinds by how directly they show two people
// dealing with each other: a meeting or negotiation is the strongest proof,
// a report of what one told the other nearly so, and being mentioned in the
// same sentence is weak (it is how gossip looks too).
func kindWeight(kind string) float64 {
	switch kind {
	case graph.InteractionMet, graph.InteractionNegotiated:
		return 1.0
	case graph.InteractionTold, graph.InteractionDiscussed, graph.InteractionPhoned, graph.InteractionWrote:
		return 0.9
	case graph.InteractionCoMentioned:
		return 0.3
	default:
		return 0.5
	}
}

// confidence is the extractor's confidence clamped to [0, 1]; an unset
// (zero) confidence counts as certain, since older extractions did not
// record one and must not vanish from rankings.
func confidence(in graph.Interaction) float64 {
	switch c := in.Confidence; {
	case c <= 0:
		return 1
	case c > 1:
		return 1
	default:
		return c
	}
}

// isPerson tells person keys from the "post:<Origin>" pseudo-counterpart
// the extractor uses when a person dealt with the embassy itself.
func isPerson(key string) bool {
	return key != "" && !hasPostPrefix(key)
}

func hasPostPrefix(key string) bool {
	return len(key) >= 5 && key[:5] == "post:"
}
