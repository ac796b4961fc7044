package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// command is one subcommand.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a subcommand may touch: its streams and its logger.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	log            *slog.Logger
	level          *slog.LevelVar // --verbose lowers it to debug
}

func commands() []command {
	return []command{
		{"serve", "serve the graph over GraphQL with a playground (embedded store or Neo4j)", runServe},
		{"load", "load cables into Neo4j, idempotently, with progress and a failure report", runLoad},
		{"parse", "print each parsed (and extracted) cable as one JSON object per line", runParse},
		{"gen", "write a full-size synthetic cables.csv derived from real cables, for benchmarks", runGen},
		{"version", "print the version", runVersion},
		{"help", "explain a subcommand: cablegraph help SUBCOMMAND", nil},
	}
}

// run is the whole program: it dispatches args to a subcommand.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	level := new(slog.LevelVar)
	e := &env{
		stdin: stdin, stdout: stdout, stderr: stderr, level: level,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
	}
	if len(args) == 0 {
		usage(stderr)
		return usagef("no subcommand given")
	}
	name, rest := args[0], args[1:]
	switch name {
	case "-h", "-help", "--help":
		usage(stdout)
		return nil
	case "help":
		if len(rest) == 0 {
			usage(stdout)
			return nil
		}
		name, rest = rest[0], []string{"--help"}
	case "-version", "--version":
		name = "version"
	}
	for _, c := range commands() {
		if c.name == name && c.run != nil {
			return c.run(ctx, e, rest)
		}
	}
	return usagef("unknown subcommand %q; subcommands are: %s (see cablegraph --help)", name, strings.Join(commandNames(), ", "))
}

func commandNames() []string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return names
}

func usage(w io.Writer) {
	fmt.Fprint(w, `cablegraph turns US diplomatic cables (the Cablegate release) into a knowledge
graph of cables, persons, countries, tags and references, and answers
relationship questions over GraphQL: who discussed Kosovo with whom, in which
cables, when, and which sentence proves it.

Usage:
  cablegraph SUBCOMMAND [flags] [PATH...]

Subcommands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n", c.name, c.summary)
	}
	fmt.Fprint(w, `
Start here:
  cablegraph serve                        explore the example cable at http://127.0.0.1:8080/
  cablegraph serve --data ../shared/data/cables/cablegate-html-fragments
  cablegraph load --neo4j bolt://127.0.0.1:7687 cables/ && cablegraph serve --neo4j bolt://127.0.0.1:7687

Run "cablegraph SUBCOMMAND --help" for a subcommand's flags, environment and examples.
`)
}

// usageError is a mistake in the command line: exit status 2.
type usageError struct{ msg string }

func (u *usageError) Error() string { return u.msg }

func usagef(format string, args ...any) error {
	return &usageError{msg: fmt.Sprintf(format, args...)}
}

// parseFlags parses args with fs, allowing flags after positional
// arguments ("load cables/ --neo4j URI") as people type them; "--" ends the
// flags. It returns the positional arguments, flag.ErrHelp for -h/--help
// (after printing the help to stdout), or a usage error.
func parseFlags(fs *flag.FlagSet, args []string, e *env) ([]string, error) {
	fs.SetOutput(io.Discard)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(e.stdout)
				fs.Usage()
				return nil, flag.ErrHelp
			}
			return nil, usagef("%s: %v (see cablegraph %s --help)", fs.Name(), err, fs.Name())
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(pos, rest...), nil
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// helpText installs a Usage func printing text followed by the flags.
func helpText(fs *flag.FlagSet, text string) {
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprint(w, strings.TrimLeft(text, "\n"))
		fmt.Fprint(w, "\nFlags:\n")
		fs.PrintDefaults()
	}
}

// listFlag is a repeatable string flag.
type listFlag []string

func (l *listFlag) String() string { return strings.Join(*l, ",") }

func (l *listFlag) Set(s string) error {
	*l = append(*l, s)
	return nil
}

// done maps flag.ErrHelp (help was asked and printed) to success.
func done(err error) error {
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	return err
}
