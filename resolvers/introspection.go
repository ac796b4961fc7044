package resolvers

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
	"github.com/vektah/gqlparser/v2/gqlerror"
)

// noIntrospection refuses __schema and __type up front with a clear
// message when introspection is switched off; without it gqlgen answers
// with a bare error that the presenter would have to recognise by text.
// __typename stays allowed: clients need it to read unions and fragments.
type noIntrospection struct{}

var (
	_ graphql.HandlerExtension        = noIntrospection{}
	_ graphql.OperationContextMutator = noIntrospection{}
)

func (noIntrospection) ExtensionName() string                   { return "NoIntrospection" }
func (noIntrospection) Validate(graphql.ExecutableSchema) error { return nil }

func (noIntrospection) MutateOperationContext(_ context.Context, oc *graphql.OperationContext) *gqlerror.Error {
	if oc.Operation == nil || !asksSchema(oc.Operation.SelectionSet, oc.Doc.Fragments) {
		return nil
	}
	err := gqlerror.Errorf("introspection is disabled on this server")
	err.Extensions = map[string]any{"code": "INTROSPECTION_DISABLED"}
	return err
}

// asksSchema reports whether a selection set selects __schema or __type at
// the top level (the only places they are defined).
func asksSchema(set ast.SelectionSet, fragments ast.FragmentDefinitionList) bool {
	for _, sel := range set {
		switch x := sel.(type) {
		case *ast.Field:
			if x.Name == "__schema" || x.Name == "__type" {
				return true
			}
		case *ast.InlineFragment:
			if asksSchema(x.SelectionSet, fragments) {
				return true
			}
		case *ast.FragmentSpread:
			if def := fragments.ForName(x.Name); def != nil && asksSchema(def.SelectionSet, fragments) {
				return true
			}
		}
	}
	return false
}
