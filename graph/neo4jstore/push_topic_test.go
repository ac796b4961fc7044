package neo4jstore

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/graph/query"
	"github.com/cablegraph/cablegraph/graph/storetest"
)

// TestNeo4jTopicTagsMatchTagLookups holds TopicTags to what Tag and
// TagsByMeaning answer for the same topic: every tag code of the fixtures
// as typed, lower-cased and in mixed case, words of their meanings, and
// topics no tag has.
func TestNeo4jTopicTagsMatchTagLookups(t *testing.T) {
	ctx := context.Background()
	n := openEmpty(t)
	cables := storetest.Fixtures(t)
	if err := n.WriteCables(ctx, cables, hashesOf(cables)); err != nil {
		t.Fatalf("write: %v", err)
	}
	if _, ok := query.ReaderAs[query.TopicTagsSource](n); !ok {
		t.Fatal("the Neo4j store does not implement query.TopicTagsSource")
	}
	topics := map[string]bool{"Kosovo": true, "zzqx": true, "a": true, "Political": true, "affairs": true}
	for _, c := range cables {
		for _, code := range c.Tags {
			topics[code], topics[strings.ToLower(code)] = true, true
			if len(code) > 1 {
				topics[strings.ToLower(code[:1])+code[1:]] = true
			}
			tg, err := n.Tag(ctx, code)
			if err != nil {
				continue
			}
			for _, w := range strings.Fields(tg.Meaning) {
				topics[w] = true
			}
		}
	}
	var withCode, withMeaning int
	for topic := range topics {
		for _, byCode := range []bool{true, false} {
			var want *graph.Tag
			if byCode {
				tg, err := n.Tag(ctx, topic)
				switch {
				case err == nil:
					want = tg
				case !errors.Is(err, graph.ErrNotFound):
					t.Fatalf("Tag(%q): %v", topic, err)
				}
			}
			wantMeaning, err := n.TagsByMeaning(ctx, topic)
			if err != nil {
				t.Fatalf("TagsByMeaning(%q): %v", topic, err)
			}
			got, gotMeaning, err := n.TopicTags(ctx, topic, byCode)
			if err != nil {
				t.Fatalf("TopicTags(%q, %v): %v", topic, byCode, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("TopicTags(%q, %v) code: got %+v, want %+v", topic, byCode, got, want)
			}
			if len(gotMeaning) != len(wantMeaning) || len(wantMeaning) > 0 && !reflect.DeepEqual(gotMeaning, wantMeaning) {
				t.Errorf("TopicTags(%q, %v) meanings: got %d %+v, want %d %+v", topic, byCode, len(gotMeaning), gotMeaning, len(wantMeaning), wantMeaning)
			}
			if got != nil {
				withCode++
			}
			if len(gotMeaning) > 0 {
				withMeaning++
			}
		}
	}
	// The comparison proves little unless both parts found tags.
	if withCode == 0 || withMeaning == 0 {
		t.Errorf("of %d topics, %d found a tag by code and %d by meaning: too few to compare", len(topics), withCode, withMeaning)
	}
}
