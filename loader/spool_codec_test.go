package loader_test

import (
	"bytes"
	"context"
	"encoding/json"
	"math"
	"reflect"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/examples"
	"github.com/cablegraph/cablegraph/graph"
	"github.com/cablegraph/cablegraph/loader"
)

// jsonRoundTrip is what the spool file used to give back: the cable
// through its JSON form.
func jsonRoundTrip(t *testing.T, c *graph.Cable) *graph.Cable {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatalf("json.Marshal: %v", err)
	}
	var back graph.Cable
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("json.Unmarshal: %v", err)
	}
	return &back
}

// checkSpoolRoundTrip requires the spool encoding to give back what JSON
// gives back, and the hash on the way to be ContentHash.
func checkSpoolRoundTrip(t *testing.T, name string, c *graph.Cable) {
	t.Helper()
	want := jsonRoundTrip(t, c)
	wantHash, err := loader.ContentHash(c)
	if err != nil {
		t.Fatalf("%s: ContentHash: %v", name, err)
	}
	got, hash, err := loader.SpoolRoundTrip(c)
	if err != nil {
		t.Fatalf("%s: spool round trip: %v", name, err)
	}
	if hash != wantHash {
		t.Errorf("%s: hash on the way %s, ContentHash %s", name, hash, wantHash)
	}
	if !reflect.DeepEqual(got, want) {
		gj, _ := json.Marshal(got)
		wj, _ := json.Marshal(want)
		t.Errorf("%s: the spool gives back\n%s\nJSON gives back\n%s\n(%#v\nvs %#v)", name, gj, wj, got, want)
	}
}

// emptied sets every slice reachable from v to an empty, non-nil slice.
func emptied(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer:
		if !v.IsNil() {
			emptied(v.Elem())
		}
	case reflect.Slice:
		if v.Len() == 0 {
			v.Set(reflect.MakeSlice(v.Type(), 0, 0))
		}
		for i := range v.Len() {
			emptied(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for i := range v.NumField() {
			emptied(v.Field(i))
		}
	}
}

// TestSpoolCodecIsTheJSONRoundTrip: the spool's binary encoding replaced
// JSON, and must give the stores exactly the cables JSON gave them: every
// field of a filled cable, each changed or cut off in turn, empty lists
// against nil, invalid UTF-8, times with nanoseconds and zones, and the
// example and corpus cables as parsed and extracted.
func TestSpoolCodecIsTheJSONRoundTrip(t *testing.T) {
	checkSpoolRoundTrip(t, "filled", filled())
	checkSpoolRoundTrip(t, "zero", &graph.Cable{})
	n := 0
	leaves(reflect.ValueOf(filled()).Elem(), "Cable", func(string, func()) { n++ })
	for i := range n {
		c := filled()
		var path string
		var change func()
		k := 0
		leaves(reflect.ValueOf(c).Elem(), "Cable", func(p string, ch func()) {
			if k == i {
				path, change = p, ch
			}
			k++
		})
		change()
		checkSpoolRoundTrip(t, path, c)
	}

	empty := filled()
	emptied(reflect.ValueOf(empty))
	checkSpoolRoundTrip(t, "filled, empty lists", empty)
	bare := &graph.Cable{ID: "X"}
	emptied(reflect.ValueOf(bare))
	checkSpoolRoundTrip(t, "zero, empty lists", bare)

	bad := filled()
	bad.Body = "ok \xff\xfe caf\xc3 \xe2\x82 end"
	bad.Persons[0].Name = "\x80"
	bad.Interactions[0].Topics = []string{"a\xffb", ""}
	bad.Subject = "valid: Łódź \u2028 <tag> & \"quoted\""
	checkSpoolRoundTrip(t, "invalid UTF-8", bad)

	zoned := filled()
	east := time.FixedZone("MSK", 3*3600)
	created := time.Date(2008, 1, 31, 23, 59, 59, 999_999_999, east)
	zoned.Created = &created
	released := time.Date(1969, 12, 31, 23, 59, 59, 500, time.UTC)
	zoned.Released = &released
	west := time.Date(2008, 2, 1, 1, 2, 3, 456_789, time.FixedZone("EST", -5*3600))
	utcNano := time.Date(2008, 2, 1, 1, 2, 3, 7, time.UTC)
	local := time.Date(2008, 2, 1, 1, 2, 3, 0, time.Local)
	zoned.Interactions = append(zoned.Interactions, zoned.Interactions[0], zoned.Interactions[0], zoned.Interactions[0])
	zoned.Interactions[0].Date, zoned.Interactions[1].Date, zoned.Interactions[2].Date = &west, &utcNano, &local
	zoned.Interactions[3].Date = nil
	zoned.Interactions[0].Confidence = math.Copysign(0, -1)
	zoned.Interactions[1].Confidence = 1e-300
	zoned.Persons[0].Count, zoned.Paragraphs[0].Number, zoned.Source.Record = -1, math.MinInt, math.MaxInt
	checkSpoolRoundTrip(t, "times, zones and numbers", zoned)

	ext := newExtractor(t)
	var cables []*graph.Cable
	src := loader.Source{Blobs: []loader.Blob{{Name: examples.Moscow235Name, Data: examples.Moscow235}}}
	if testing.Short() {
		t.Log("-short: the example cable only")
	} else if files := fragments(t, 300); len(files) > 0 {
		src.Paths = files
	}
	err := loader.Stream(context.Background(), ext, src, loader.Options{}, func(it loader.Item) error {
		if it.Cable != nil {
			cables = append(cables, it.Cable)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cables) < 2 {
		t.Fatalf("only %d cables parsed", len(cables))
	}
	for _, c := range cables {
		checkSpoolRoundTrip(t, c.ID, c)
	}
}

// TestSpoolCodecFailsWhereJSONFailed: a cable JSON could not encode (an
// interaction date past year 9999, a confidence that is not a number)
// must stay a failure of that cable.
func TestSpoolCodecFailsWhereJSONFailed(t *testing.T) {
	far := time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)
	for name, change := range map[string]func(*graph.Cable){
		"year 10000": func(c *graph.Cable) { c.Interactions[0].Date = &far },
		"NaN":        func(c *graph.Cable) { c.Interactions[0].Confidence = math.NaN() },
		"+Inf":       func(c *graph.Cable) { c.Interactions[0].Confidence = math.Inf(1) },
	} {
		c := filled()
		change(c)
		if _, err := json.Marshal(c); err == nil {
			t.Fatalf("%s: json.Marshal gave no error: the test is out of date", name)
		}
		if _, _, err := loader.SpoolRoundTrip(c); err == nil {
			t.Errorf("%s: the spool encoding gave no error where JSON failed", name)
		}
	}
	if _, _, err := loader.SpoolRoundTrip(nil); err == nil {
		t.Error("a nil cable was encoded")
	}
}

// TestSpoolCodecRejectsDamage: every cut of an encoding and every byte
// changed either fails or gives a cable, never a panic; a cut one never
// decodes.
func TestSpoolCodecRejectsDamage(t *testing.T) {
	enc, err := loader.SpoolEncoding(filled())
	if err != nil {
		t.Fatal(err)
	}
	for i := range len(enc) {
		if c, err := loader.DecodeSpool(enc[:i]); err == nil {
			t.Fatalf("the encoding cut to %d of %d bytes decoded: %+v", i, len(enc), c)
		}
	}
	if _, err := loader.DecodeSpool(append(enc[:len(enc):len(enc)], 0)); err == nil {
		t.Error("an encoding with a byte too many decoded")
	}
	for i := range len(enc) {
		for _, b := range []byte{0, 0x7f, 0x80, 0xff} {
			d := append([]byte(nil), enc...)
			d[i] = b
			_, _ = loader.DecodeSpool(d) // must not panic
		}
	}
}

// FuzzDecodeSpool: bytes that are not an encoding never crash the decoder,
// and what decodes re-encodes to a fixed point: the second encoding is the
// first. (The cables themselves may differ in a time's location: JSON
// gives back a date at an offset of under a minute as the local zone, and
// that date again as UTC, see testdata/fuzz.)
func FuzzDecodeSpool(f *testing.F) {
	enc, err := loader.SpoolEncoding(filled())
	if err != nil {
		f.Fatal(err)
	}
	f.Add(enc)
	f.Add([]byte{})
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01})
	f.Fuzz(func(t *testing.T, b []byte) {
		c, err := loader.DecodeSpool(b)
		if err != nil {
			return
		}
		once, err := loader.SpoolEncoding(c)
		if err != nil {
			return // a decoded date JSON could not write: not ours to keep
		}
		c2, err := loader.DecodeSpool(once)
		if err != nil {
			t.Fatalf("decoding a re-encoded cable: %v", err)
		}
		twice, err := loader.SpoolEncoding(c2)
		if err != nil || !bytes.Equal(once, twice) {
			t.Fatalf("re-encoding is no fixed point: %v\n%q\n%q", err, once, twice)
		}
	})
}

// TestSameInteractionIsCanonicalEquality: phase 2 keeps one of identical
// interactions, identical meaning the same canonical encoding; any field
// changed (or a list cut to nil) makes two interactions different, and a
// date in another location at the same instant and offset does not.
func TestSameInteractionIsCanonicalEquality(t *testing.T) {
	base := filled().Interactions[0]
	if !loader.SameInteraction(base, filled().Interactions[0]) {
		t.Fatal("an interaction differs from its copy")
	}
	n := 0
	leaves(reflect.ValueOf(&base).Elem(), "Interaction", func(string, func()) { n++ })
	if n < 12 {
		t.Fatalf("only %d leaves of an interaction", n)
	}
	for i := range n {
		in := filled().Interactions[0]
		var path string
		var change func()
		k := 0
		leaves(reflect.ValueOf(&in).Elem(), "Interaction", func(p string, ch func()) {
			if k == i {
				path, change = p, ch
			}
			k++
		})
		change() // after the walk: it may cut off what the walk visits
		if loader.SameInteraction(base, in) || loader.SameInteraction(in, base) {
			t.Errorf("changing %s leaves the interaction the same", path)
		}
	}
	empty := filled().Interactions[0]
	empty.Topics = []string{}
	none := filled().Interactions[0]
	none.Topics = nil
	if loader.SameInteraction(empty, none) {
		t.Error("empty and nil topics are the same")
	}
	moved := filled().Interactions[0]
	d := moved.Date.In(time.FixedZone("elsewhere", 0))
	moved.Date = &d
	if !loader.SameInteraction(base, moved) {
		t.Error("the same instant at the same offset in another location differs")
	}
}
