package loader_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader"
)

// filled is a cable with every field set (lists of one), numbered in walk
// order so that two calls give the same cable.
func filled() *graph.Cable {
	c := &graph.Cable{}
	n := 0
	fill(reflect.ValueOf(c).Elem(), &n)
	return c
}

var timeType = reflect.TypeFor[time.Time]()

func fill(v reflect.Value, n *int) {
	*n++
	switch {
	case v.Type() == timeType:
		v.Set(reflect.ValueOf(time.Unix(int64(*n)*1000, 0).UTC()))
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString("v" + string(rune('a'+*n%26)))
	case reflect.Int, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		v.Set(reflect.MakeSlice(v.Type(), 1, 1))
		fill(v.Index(0), n)
	case reflect.Struct:
		for i := range v.NumField() {
			fill(v.Field(i), n)
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String() + " (teach the test and ContentHash)")
	}
}

// leaves calls change for each leaf of v in walk order; change alters it.
func leaves(v reflect.Value, path string, visit func(path string, change func())) {
	if v.Type() == timeType {
		visit(path, func() { v.Set(reflect.ValueOf(v.Interface().(time.Time).Add(time.Second))) })
		return
	}
	switch v.Kind() {
	case reflect.String:
		visit(path, func() { v.SetString(v.String() + "x") })
	case reflect.Int, reflect.Int64:
		visit(path, func() { v.SetInt(v.Int() + 1000) })
	case reflect.Float64:
		visit(path, func() { v.SetFloat(v.Float() * 2) })
	case reflect.Bool:
		visit(path, func() { v.SetBool(!v.Bool()) })
	case reflect.Pointer:
		visit(path+"=nil", func() { v.Set(reflect.Zero(v.Type())) })
		leaves(v.Elem(), path, visit)
	case reflect.Slice:
		visit(path+"=nil", func() { v.Set(reflect.Zero(v.Type())) })
		leaves(v.Index(0), path+"[0]", visit)
	case reflect.Struct:
		for i := range v.NumField() {
			leaves(v.Field(i), path+"."+v.Type().Field(i).Name, visit)
		}
	}
}

// TestContentHashCoversEveryField changes every field of a cable, one at a
// time, and requires the hash to change: a field added to graph.Cable and
// forgotten by ContentHash fails here. Every change must also give a hash
// of its own (no two encodings collide).
func TestContentHashCoversEveryField(t *testing.T) {
	base, err := loader.ContentHash(filled())
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := loader.ContentHash(filled()); again != base {
		t.Fatalf("the same cable hashed twice: %s then %s", base, again)
	}
	seen := map[string]string{base: "the filled cable"}
	var paths []string
	leaves(reflect.ValueOf(filled()).Elem(), "Cable", func(path string, _ func()) { paths = append(paths, path) })
	if len(paths) < 60 {
		t.Fatalf("only %d leaves found: the walk is broken", len(paths))
	}
	for i, path := range paths {
		c := filled()
		k := 0
		var change func()
		leaves(reflect.ValueOf(c).Elem(), "Cable", func(_ string, ch func()) {
			if k == i {
				change = ch
			}
			k++
		})
		change() // after the walk: it may cut off what the walk visits
		h, err := loader.ContentHash(c)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if prev, dup := seen[h]; dup {
			t.Errorf("changing %s gives the hash of %s", path, prev)
		}
		seen[h] = path
	}
}

// TestContentHashOmittedEmptyLists: the extracted lists are omitted from
// JSON when empty, so nil and empty are the same content; the parsed lists
// are written as null or [] and differ.
func TestContentHashOmittedEmptyLists(t *testing.T) {
	hash := func(c *graph.Cable) string {
		t.Helper()
		h, err := loader.ContentHash(c)
		if err != nil {
			t.Fatal(err)
		}
		return h
	}
	for _, tc := range []struct {
		name      string
		a, b      *graph.Cable
		wantEqual bool
	}{
		{"persons nil and empty", &graph.Cable{ID: "X"}, &graph.Cable{ID: "X", Persons: []graph.PersonMention{}}, true},
		{"interactions nil and empty", &graph.Cable{ID: "X"}, &graph.Cable{ID: "X", Interactions: []graph.Interaction{}}, true},
		{"tags nil and empty", &graph.Cable{ID: "X"}, &graph.Cable{ID: "X", Tags: []string{}}, false},
		{"one string split across two fields", &graph.Cable{ID: "X", DTG: "ab"}, &graph.Cable{ID: "X", DTG: "a", Precedence: "b"}, false},
		{"nil cable is an error", nil, nil, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.a == nil {
				if _, err := loader.ContentHash(nil); err == nil {
					t.Error("ContentHash(nil) gave no error")
				}
				return
			}
			if got := hash(tc.a) == hash(tc.b); got != tc.wantEqual {
				t.Errorf("equal hashes = %t, want %t", got, tc.wantEqual)
			}
		})
	}
}
