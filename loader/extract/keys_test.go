package extract

import "testing"

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
