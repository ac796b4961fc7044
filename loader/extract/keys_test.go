package extract

import (
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

func TestResolveKeys(t *testing.T) {
	for _, tc := range []struct {
		name   string
		counts map[string]int
		want   map[string]string
	}{
		{"one qualified", map[string]int{"putin": 5, "putin|RS": 60}, map[string]string{"putin": "putin|RS", "putin|RS": "putin|RS"}},
		{"dominant", map[string]int{"lavrov": 2, "lavrov|RS": 33, "lavrov|GG": 1}, map[string]string{"lavrov": "lavrov|RS", "lavrov|GG": "lavrov|GG"}},
		{"ambiguous", map[string]int{"nikolic": 4, "nikolic|SR": 5, "nikolic|RS": 5}, map[string]string{"nikolic": "nikolic", "nikolic|SR": "nikolic|SR"}},
		{"bare only", map[string]int{"smith": 3}, map[string]string{"smith": "smith"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ResolveKeys(tc.counts)
			for k, want := range tc.want {
				if got[k] != want {
					t.Errorf("%s -> %q, want %q", k, got[k], want)
				}
			}
			if len(got) != len(tc.counts) {
				t.Errorf("got %d keys for %d", len(got), len(tc.counts))
			}
		})
	}
}

// TestResolveKeysGivenNames: different given names keep a bare key apart
// from the qualified variant; a shared given name picks the variant.
func TestResolveKeysGivenNames(t *testing.T) {
	g := func(k, given string) string { return k + GivenSep + given }
	for _, tc := range []struct {
		name   string
		counts map[string]int
		want   map[string]string // absent value "" = not in the output
	}{
		{"different given names stay apart", map[string]int{"davis": 3, "davis|US": 10, g("davis|US", "ben"): 4, g("davis", "terry"): 2, g("davis", "b"): 1},
			map[string]string{"davis": "davis|US", g("davis", "terry"): "davis", g("davis", "b"): ""}},
		{"same given name folds", map[string]int{"putin": 5, "putin|RS": 60, g("putin|RS", "vladimir"): 50, g("putin", "vladimir"): 2},
			map[string]string{"putin": "putin|RS", g("putin", "vladimir"): ""}},
		{"no given names on the variant: fold", map[string]int{"lugar": 1, "lugar|US": 3, g("lugar", "richard"): 1},
			map[string]string{"lugar": "lugar|US", g("lugar", "richard"): ""}},
		{"a shared given name decides an ambiguous key", map[string]int{"nikolic": 4, "nikolic|SR": 5, "nikolic|RS": 5,
			g("nikolic|SR", "tomislav"): 3, g("nikolic|RS", "sergey"): 2, g("nikolic", "tomislav"): 2},
			map[string]string{"nikolic": "nikolic", g("nikolic", "tomislav"): "nikolic|SR"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := ResolveKeys(tc.counts)
			for k, want := range tc.want {
				if v, ok := got[k]; want == "" && ok || want != "" && v != want {
					t.Errorf("%q -> %q (present %v), want %q", k, v, ok, want)
				}
			}
		})
	}
}

func TestGivenKey(t *testing.T) {
	for name, want := range map[string]string{"Terry Davis": graph.NameKey("Terry"), "B. Davis": "b", "Davis": "", "DAVIS": ""} {
		if got := GivenKey(name, "Davis"); got != want {
			t.Errorf("GivenKey(%q) = %q, want %q", name, got, want)
		}
	}
	if GivenKey("Sergei Lavrov", "Lavrov") != GivenKey("Sergey Lavrov", "Lavrov") {
		t.Error("Sergei and Sergey fold to different given keys")
	}
}
