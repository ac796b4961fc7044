package resolvers

import (
	"context"
	"fmt"
	"strings"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// depthLimit rejects operations nested deeper than Max before they run.
// Deep queries are how a cyclic graph schema (cable -> persons -> cables
// -> ...) is turned against the server; complexity alone misses them when
// lists are short. Introspection fields (__schema, __type) are not
// counted, since GraphiQL's own introspection query is deep by nature.
type depthLimit struct {
	Max int
}

var (
	_ graphql.HandlerExtension        = depthLimit{}
	_ graphql.OperationContextMutator = depthLimit{}
)

func (depthLimit) ExtensionName() string { return "DepthLimit" }

func (d depthLimit) Validate(graphql.ExecutableSchema) error {
	if d.Max < 1 {
		return fmt.Errorf("depth limit must be at least 1, got %d", d.Max)
	}
	return nil
}

func (d depthLimit) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil {
		return nil
	}
	if got := selectionDepth(oc.Operation.SelectionSet, oc.Doc.Fragments); got > d.Max {
		err := gqlerror.Errorf("operation is nested %d levels deep, more than the limit of %d", got, d.Max)
		err.Extensions = map[string]any{"code": "DEPTH_LIMIT_EXCEEDED"}
		return err
	}
	return nil
}

// selectionDepth is the number of nested field levels of a selection set.
func selectionDepth(set ast.SelectionSet, fragments ast.FragmentDefinitionList) int {
	deepest := 0
	for _, sel := range set {
		var d int
		switch x := sel.(type) {
		case *ast.Field:
			if strings.HasPrefix(x.Name, "__") {
				continue
			}
			d = 1 + selectionDepth(x.SelectionSet, fragments)
		case *ast.InlineFragment:
			d = selectionDepth(x.SelectionSet, fragments)
		case *ast.FragmentSpread:
			if def := fragments.ForName(x.Name); def != nil {
				d = selectionDepth(def.SelectionSet, fragments)
			}
		}
		deepest = max(deepest, d)
	}
	return deepest
}
