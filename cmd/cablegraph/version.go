package main

import (
	"context"
	"flag"
	"fmt"
	"runtime/debug"
)

func runVersion(_ context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("version", flag.ContinueOnError)
	helpText(fs, `
cablegraph version prints the module version and VCS revision the binary was
built from, and the Go version.

Usage:
  cablegraph version

Examples:
  cablegraph version
  go run ./cmd/cablegraph version
`)
	if _, err := parseFlags(fs, args, e); err != nil {
		return done(err)
	}
	version, rev, modified := "(devel)", "", ""
	goVersion := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
		if bi.Main.Version != "" {
			version = bi.Main.Version
		}
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				if s.Value == "true" {
					modified = " (modified)"
				}
			}
		}
	}
	if rev != "" {
		rev = " revision " + rev + modified
	}
	_, err := fmt.Fprintf(e.stdout, "cablegraph %s%s, %s\n", version, rev, goVersion)
	return err
}
