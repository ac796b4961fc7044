package resolvers

// The project's gqlgen run (resolvers/internal/gqlgen) finds ../gqlgen.yml
// by walking up from this directory and writes graph/generated plus the
// *.resolvers.go stubs of this package; it is gqlgen's generate with list
// elements marshalled without a goroutine each when they need no I/O.
//go:generate go run ./internal/gqlgen
