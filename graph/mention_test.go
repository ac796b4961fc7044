package graph

import (
	"reflect"
	"testing"
)

func TestMergeMention(t *testing.T) {
	dst := PersonMention{Key: "lavrov", Name: "Lavrov", Surname: "Lavrov", Aliases: []string{"Lavrov"},
		Roles: []string{"Foreign Minister"}, How: []string{"title+name"}, Count: 2, Paragraphs: []int{6, 2}}
	src := PersonMention{Key: "lavrov", Name: "Sergey Lavrov", Surname: "Lavrov", Country: "RS",
		Aliases: []string{"FM Lavrov", "Lavrov"}, How: []string{"speech"}, Count: 1, Paragraphs: []int{3, 6}}
	MergeMention(&dst, src)
	want := PersonMention{Key: "lavrov", Name: "Sergey Lavrov", Surname: "Lavrov", Country: "RS",
		Aliases: []string{"FM Lavrov", "Lavrov"}, Roles: []string{"Foreign Minister"},
		How: []string{"speech", "title+name"}, Count: 3, Paragraphs: []int{2, 3, 6}}
	if !reflect.DeepEqual(dst, want) {
		t.Errorf("MergeMention =\n%+v\nwant\n%+v", dst, want)
	}
	// the first known country stays
	MergeMention(&dst, PersonMention{Country: "US"})
	if dst.Country != "RS" {
		t.Errorf("country = %q, want RS kept", dst.Country)
	}
}
