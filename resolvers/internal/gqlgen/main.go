// Command gqlgen is the project's gqlgen run (go generate in resolvers/):
// gqlgen's own generate, then two changes to the generated executor that
// cut the server's CPU per request without changing any answer.
//
// gqlgen marshals every element of every list of objects on its own
// goroutine (graphql.MarshalSliceConcurrently), so that a field of each
// element that loads through a dataloader joins one batch with its
// siblings. Most lists select no such field (a search page's twenty
// hits, a cable's tags, a path's persons): there the goroutines do
// nothing but cost CPU - their creation, scheduling and the growth of
// their stacks were a fifth of the server's CPU per search request. So
// this command writes graph/generated/exec_lean.go, which lists the
// fields that may block (resolvers and methods taking a context) and
// marshals a list's elements one after another when its selection
// reaches none of them, and points the generated list marshallers at it.
// A selection that reaches one keeps gqlgen's concurrent marshalling and
// batching. The second change (see rewrites) computes an object's
// response path for @defer only when it has deferred fields.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"go/format"
	"io"
	"io/fs"
	"log"
	"os"
	"path/filepath"
	"slices"

	"github.com/99designs/gqlgen/api"
	"github.com/99designs/gqlgen/codegen"
	"github.com/99designs/gqlgen/codegen/config"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "gqlgen:", err)
		os.Exit(1)
	}
}

func run() error {
	log.SetOutput(io.Discard) // as gqlgen's own command does without -verbose
	cfg, err := config.LoadConfigFromDefaultLocations()
	if err != nil {
		return fmt.Errorf("load gqlgen.yml: %w", err)
	}
	p := &sequentialSlices{}
	if err := api.Generate(cfg, api.AddPlugin(p)); err != nil {
		return fmt.Errorf("generate: %w", err)
	}
	return p.rewriteExec()
}

// sequentialSlices is the gqlgen plugin that writes exec_lean.go and
// then points exec.go at it (rewrites).
type sequentialSlices struct {
	execFile string
}

func (p *sequentialSlices) Name() string { return "sequentialslices" }

// concurrentCall is what gqlgen writes for a list of objects, with the
// project's config (worker_limit 0, the panic handler kept).
const (
	concurrentCall = "graphql.MarshalSliceConcurrently(ctx, len(v), 0, false, func("
	sequentialCall = "ec.marshalSlice(ctx, sel, len(v), func("
)

// GenerateCode writes exec_lean.go from the built schema data, before
// gqlgen writes and validates exec.go.
func (p *sequentialSlices) GenerateCode(data *codegen.Data) error {
	if data.Config.Exec.WorkerLimit != 0 || data.Config.OmitPanicHandler {
		return errors.New("sequentialslices expects worker_limit 0 and the panic handler kept")
	}
	p.execFile = data.Config.Exec.Filename
	var blocking []string
	for _, o := range data.Objects {
		for _, f := range o.Fields {
			if f.IsConcurrent() {
				blocking = append(blocking, o.Name+"."+f.Name)
			}
		}
	}
	slices.Sort(blocking)
	var b bytes.Buffer
	b.WriteString(slicesHeader)
	b.WriteString("var blockingFields = map[string]bool{\n")
	for _, k := range blocking {
		fmt.Fprintf(&b, "\t%q: true,\n", k)
	}
	b.WriteString("}\n")
	b.WriteString(slicesBody)
	src, err := format.Source(b.Bytes())
	if err != nil {
		return fmt.Errorf("format exec_lean.go: %w", err)
	}
	out := filepath.Join(filepath.Dir(p.execFile), "exec_lean.go")
	if err := os.WriteFile(out, src, 0o644); err != nil {
		return fmt.Errorf("write exec_lean.go: %w", err)
	}
	return nil
}

// rewrite is one change to exec.go: every old becomes new, and no text
// starting with leftover (the call old is one shape of) may remain.
type rewrite struct {
	old, new, leftover string
}

var rewrites = []rewrite{
	// List marshallers go through marshalSlice.
	{concurrentCall, sequentialCall, "graphql.MarshalSliceConcurrently("},
	// Every object gqlgen marshals makes a group for its @defer'd fields,
	// computing its response path then (a slice per object, an eighth of
	// a search request's allocations); the path is only read when the
	// group has fields, so it is computed then, from the same ctx.
	{"deferred := graphql.NewDeferredGroup(ctx)", "deferred := newDeferredGroup(ctx)", "graphql.NewDeferredGroup("},
	{"ec.ProcessDeferredGroup(deferred)", "ec.processDeferredGroupAt(ctx, deferred)", "ec.ProcessDeferredGroup(deferred)"},
}

// rewriteExec applies the rewrites to exec.go.
func (p *sequentialSlices) rewriteExec() error {
	if p.execFile == "" {
		return errors.New("sequentialslices: GenerateCode never ran")
	}
	b, err := os.ReadFile(p.execFile)
	if err != nil {
		return fmt.Errorf("read exec: %w", err)
	}
	for _, r := range rewrites {
		if !bytes.Contains(b, []byte(r.old)) && !bytes.Contains(b, []byte(r.new)) {
			return fmt.Errorf("sequentialslices: no %q in %s: gqlgen's output changed, update this command", r.old, p.execFile)
		}
		b = bytes.ReplaceAll(b, []byte(r.old), []byte(r.new))
		if bytes.Contains(b, []byte(r.leftover)) {
			return fmt.Errorf("sequentialslices: a call of another shape than %q is left in %s", r.old, p.execFile)
		}
	}
	info, err := os.Stat(p.execFile)
	if err != nil {
		return fmt.Errorf("stat exec: %w", err)
	}
	if err := os.WriteFile(p.execFile, b, info.Mode()&fs.ModePerm); err != nil {
		return fmt.Errorf("write exec: %w", err)
	}
	return nil
}

const slicesHeader = `// Code generated by resolvers/internal/gqlgen, DO NOT EDIT.

package generated

import (
	"context"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// blockingFields are the fields ("Type.field") whose value may need I/O:
// resolvers and methods taking a context. A list whose selection reaches
// one marshals its elements concurrently, so that their loads batch.
`

const slicesBody = `
// marshalSlice is graphql.MarshalSliceConcurrently without a goroutine
// per element when sel reaches no blocking field: each element then gets
// the same field context (its index) and the same panic recovery, one
// after another.
func (ec *executionContext) marshalSlice(ctx context.Context, sel ast.SelectionSet, n int, marshal func(ctx context.Context, i int) graphql.Marshaler) graphql.Array {
	if n <= 1 || ec.mayBlock(sel, 0) {
		return graphql.MarshalSliceConcurrently(ctx, n, 0, false, marshal)
	}
	ret := make(graphql.Array, n)
	for i := range n {
		ret[i] = marshalElement(ctx, i, marshal)
	}
	return ret
}

func marshalElement(ctx context.Context, i int, marshal func(ctx context.Context, i int) graphql.Marshaler) (ret graphql.Marshaler) {
	childCtx := graphql.WithFieldContext(ctx, &graphql.FieldContext{Index: &i})
	defer func() {
		if r := recover(); r != nil {
			graphql.AddError(childCtx, graphql.Recover(childCtx, r))
			ret = graphql.Null
		}
	}()
	return marshal(childCtx, i)
}

// mayBlock reports whether sel selects, at any depth, a blocking field or
// one whose type it cannot tell (then it answers true).
func (ec *executionContext) mayBlock(sel ast.SelectionSet, depth int) bool {
	if depth > 64 {
		return true
	}
	for _, s := range sel {
		switch x := s.(type) {
		case *ast.Field:
			if x.ObjectDefinition == nil || blockingFields[x.ObjectDefinition.Name+"."+x.Name] {
				return true
			}
			if ec.mayBlock(x.SelectionSet, depth+1) {
				return true
			}
		case *ast.InlineFragment:
			if ec.mayBlock(x.SelectionSet, depth+1) {
				return true
			}
		case *ast.FragmentSpread:
			if x.Definition == nil || ec.mayBlock(x.Definition.SelectionSet, depth+1) {
				return true
			}
		default:
			return true
		}
	}
	return false
}

// newDeferredGroup is graphql.NewDeferredGroup without the path, which
// processDeferredGroupAt adds when the group has fields to process.
func newDeferredGroup(ctx context.Context) graphql.DeferredGroup {
	return graphql.DeferredGroup{
		FieldSet: graphql.NewFieldSet(nil),
		Defers:   make(map[string]*graphql.FieldSetView),
		Context:  ctx,
	}
}

// processDeferredGroupAt processes g with the path of ctx, the context
// g was made with.
func (ec *executionContext) processDeferredGroupAt(ctx context.Context, g graphql.DeferredGroup) {
	g.Path = graphql.GetPath(ctx)
	ec.ProcessDeferredGroup(g)
}
`
