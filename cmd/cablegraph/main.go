// Command cablegraph turns US diplomatic cables into a knowledge graph and
// answers relationship questions about it over GraphQL.
//
// main does nothing but wire the process (signals, exit status) to run, so
// that every subcommand can be tested in process with its own arguments,
// streams and context.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// After the first signal, restore the default behaviour so that a
	// second Ctrl-C kills the process at once.
	go func() {
		<-ctx.Done()
		stop()
	}()
	err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}

// exitCode prints err as one line and maps it to the exit status: 0 for
// success, 2 for usage errors, 1 for everything else.
func exitCode(err error, stderr *os.File) int {
	if err == nil {
		return 0
	}
	fmt.Fprintf(stderr, "cablegraph: %v\n", err)
	var u *usageError
	if errors.As(err, &u) {
		return 2
	}
	return 1
}
