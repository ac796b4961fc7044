package query

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// Topic expands what a user typed into the tag or country codes and the
// words that stand for it:
//
//	"KV"     -> codes [KV], words [Kosovo] (a country code brings its name)
//	"Kosovo" -> codes [KV], words [Kosovo] (a country name brings its code)
//	"PREL"   -> codes [PREL]               (a tag code, typed as a code)
//	"energy" -> words [energy]             (free text)
//
// A tag whose meaning equals the topic exactly (case and diacritics aside)
// adds its code; a meaning that merely contains the topic does not, since
// "Korea" must not silently mean both Koreas. Codes are sorted; words keep
// the country name first. The same input always gives the same output.
func (s *Service) Topic(ctx context.Context, topic string) (codes, words []string, err error) {
	topic = strings.Join(strings.Fields(topic), " ")
	if topic == "" {
		return nil, nil, fmt.Errorf("topic is empty: %w", graph.ErrInvalid)
	}
	codeSet := map[string]bool{}
	code, name, err := s.country(ctx, topic)
	if err != nil {
		return nil, nil, err
	}
	if code != "" {
		codeSet[code] = true
		if name != "" {
			words = append(words, name)
		}
	}
	typedAsCode := false
	byCode := looksLikeCode(topic)
	t, tags, err := s.topicTags(ctx, topic, byCode)
	if err != nil {
		return nil, nil, err
	}
	if byCode {
		if t != nil {
			codeSet[t.Code] = true
			typedAsCode = topic == strings.ToUpper(topic)
		}
		if code != "" && strings.EqualFold(code, topic) {
			typedAsCode = true
		}
	}
	for _, t := range tags {
		if graph.NormalizeName(t.Meaning) == graph.NormalizeName(topic) {
			codeSet[t.Code] = true
		}
	}
	if !typedAsCode && (len(words) == 0 || !strings.EqualFold(words[0], topic)) {
		words = append(words, topic)
	}
	for c := range codeSet {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes, words, nil
}

// country resolves a country code or name with the built-in tables first
// (they know every country) and then the store (it knows the loaded ones).
func (s *Service) country(ctx context.Context, codeOrName string) (code, name string, err error) {
	if s.topics != nil {
		if c, n, ok := s.topics.CountryByName(codeOrName); ok {
			return c, n, nil
		}
	}
	c, err := s.r.Country(ctx, codeOrName)
	if errors.Is(err, graph.ErrNotFound) {
		return "", "", nil
	}
	if err != nil {
		return "", "", fmt.Errorf("country %q: %w", codeOrName, err)
	}
	return c.Code, c.Name, nil
}

// looksLikeCode is true for a single short token such as "KV", "PREL" or
// "KNNP": only those are worth a tag lookup by code.
func looksLikeCode(s string) bool {
	if len(s) < 2 || len(s) > 8 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
