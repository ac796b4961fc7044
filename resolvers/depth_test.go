package resolvers

import (
	"testing"

	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/parser"
)

func TestSelectionDepth(t *testing.T) {
	cases := []struct {
		name, query string
		want        int
	}{
		{"flat", `{ stats { cables } }`, 2},
		{"nested", `{ cable(id: "x") { persons { cables { totalCount } } } }`, 4},
		{"fragment", `{ cable(id: "x") { ...F } } fragment F on Cable { persons { key } }`, 3},
		{"inline", `{ cable(id: "x") { ... on Cable { tags { code } } } }`, 3},
		{"introspection not counted", `{ __schema { types { fields { type { ofType { ofType { name } } } } } } stats { cables } }`, 2},
		{"widest branch wins", `{ a { b } c { d { e { f } } } }`, 4},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			doc, err := parser.ParseQuery(&ast.Source{Input: c.query})
			if err != nil {
				t.Fatal(err)
			}
			if got := selectionDepth(doc.Operations[0].SelectionSet, doc.Fragments); got != c.want {
				t.Errorf("depth = %d, want %d", got, c.want)
			}
		})
	}
}
