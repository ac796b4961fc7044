package resolvers

// gqlgen finds ../gqlgen.yml by walking up from this directory and writes
// graph/generated plus the *.resolvers.go stubs of this package.
//go:generate go tool gqlgen generate
