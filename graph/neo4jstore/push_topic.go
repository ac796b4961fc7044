package neo4jstore

import (
	"context"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

// TopicTags answers Tag(topic) (when byCode) and TagsByMeaning(topic) in
// one auto-commit statement (query.TopicTagsSource): over the Reader they
// are two transactions and up to four statements, eight round trips per
// discussions question for a few hundred tags. The parts are those
// statements, in Tag's order of preference: the exact code (0), the
// upper-cased code (1), the lowest code equal case-insensitively (2); the
// meanings (3) by code.
func (s *Store) TopicTags(ctx context.Context, topic string, byCode bool) (*graph.Tag, []*graph.Tag, error) {
	cypher := `CALL () {
  MATCH (t:Tag) WHERE $byCode AND t.code = $q RETURN t, 0 AS part
  UNION ALL
  MATCH (t:Tag) WHERE $byCode AND t.code = $upper RETURN t, 1 AS part
  UNION ALL
  MATCH (t:Tag) WHERE $byCode AND toLower(t.code) = toLower($q) RETURN t, 2 AS part
  UNION ALL
  MATCH (t:Tag) WHERE toLower(coalesce(t.meaning, '')) CONTAINS toLower($q) RETURN t, 3 AS part
}
RETURN ` + tagProps + `, part
ORDER BY part, t.code`
	recs, err := s.readOne(ctx, "topic tags", cypher, map[string]any{"q": topic, "upper": strings.ToUpper(topic), "byCode": byCode})
	if err != nil {
		return nil, nil, err
	}
	var code *graph.Tag
	meaning := []*graph.Tag{}
	for _, r := range recs {
		part, _ := r.Values[4].(int64)
		switch {
		case part < 3 && code == nil:
			code = toTag(r)
		case part == 3:
			meaning = append(meaning, toTag(r))
		}
	}
	return code, meaning, nil
}
