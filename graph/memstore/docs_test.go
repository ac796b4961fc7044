package memstore

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// fill sets every field reachable from v to a distinct non-zero value, so
// that a field cloneWith forgets shows up as a difference.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) / 7)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		if v.Type() == reflect.TypeFor[*time.Time]() {
			t := time.Unix(int64(*n)*1000, 0).UTC()
			v.Set(reflect.ValueOf(&t))
			return
		}
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 2, 2))
		for i := range 2 {
			fill(v.Index(i), n)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	}
}

func TestCloneCableCoversEveryField(t *testing.T) {
	var c graph.Cable
	n := 0
	fill(reflect.ValueOf(&c).Elem(), &n)
	cp := cloneCable(&c)
	if !reflect.DeepEqual(&c, cp) {
		t.Fatalf("clone differs:\n%+v\n%+v", c, *cp)
	}
	// Mutating the copy everywhere must leave the original untouched.
	before := cloneCable(&c)
	fill(reflect.ValueOf(cp).Elem(), &n)
	if !reflect.DeepEqual(&c, before) {
		t.Fatal("mutating the clone changed the original: a slice or pointer is shared")
	}
}

func TestSkeletonRoundTrip(t *testing.T) {
	tests := []struct {
		name    string
		body    string
		paras   []string
		spanned bool // every paragraph must be a span of the body
	}{
		{"in body", "1. (C) First one.\n\n2. (C) Second.", []string{"First one.", "Second."}, true},
		{"repeated text", "Same. Same.", []string{"Same.", "Same."}, false},
		{"not in body", "body text", []string{"elsewhere", ""}, false},
		{"no paragraphs", "just a body", nil, false},
		{"line-broken body", "1. (C) A group of older\nprisoners may be\nreleased.\n\n2. (C) Next\none.", []string{"A group of older prisoners may be released.", "Next one."}, true},
		{"line break where the text has none", "a\nb and a b", []string{"a b", "ab"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &graph.Cable{ID: "X", Body: tt.body, Subject: "S"}
			for i, p := range tt.paras {
				c.Paragraphs = append(c.Paragraphs, graph.Paragraph{Number: i + 1, Text: p})
			}
			skel, spans := skeleton(c)
			got := document(skel, spans)
			if !reflect.DeepEqual(c, got) {
				t.Fatalf("round trip:\n%+v\n%+v", c, got)
			}
			for i, p := range skel.Paragraphs {
				if tt.spanned && spans[i].off < 0 {
					t.Errorf("paragraph %d kept apart from the body", i)
				}
				if spans[i].off >= 0 && p.Text != "" {
					t.Errorf("paragraph %d kept twice", i)
				}
				if spans[i].off >= 0 && !strings.Contains(strings.ReplaceAll(tt.body, "\n", " "), tt.paras[i]) {
					t.Errorf("paragraph %d spans a body that does not hold it", i)
				}
			}
		})
	}
}
