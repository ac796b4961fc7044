// Command cypher runs Cypher statements against a Neo4j and prints each
// result row as JSON, and for PROFILE/EXPLAIN statements the plan with its
// db hits and rows per operator.
//
// It exists so that BENCHMARKS.md can show where slow Cypher spends its time
// (PROFILE of the statements behind a slow query, SHOW TRANSACTIONS during a
// stuck load) without a cypher-shell installation.
//
// Usage:
//
//	go run ./bench/cypher -uri bolt://127.0.0.1:7688 'PROFILE MATCH (c:Cable) RETURN count(c)'
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/neo4j/neo4j-go-driver/v5/neo4j"
)

func main() {
	if err := run(context.Background(), os.Args[1:], os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "cypher:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, out io.Writer) error {
	fs := flag.NewFlagSet("cypher", flag.ContinueOnError)
	uri := fs.String("uri", "bolt://127.0.0.1:7688", "Neo4j Bolt URI")
	db := fs.String("database", "neo4j", "database")
	params := fs.String("params", "{}", "statement parameters as a JSON object")
	timeout := fs.Duration("timeout", 10*time.Minute, "give up after this long")
	if err := fs.Parse(args); err != nil {
		return err
	}
	p, err := decodeParams(*params)
	if err != nil {
		return fmt.Errorf("bad -params: %w", err)
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	drv, err := neo4j.NewDriverWithContext(*uri, neo4j.NoAuth())
	if err != nil {
		return fmt.Errorf("connecting to %s: %w", *uri, err)
	}
	defer func() { _ = drv.Close(ctx) }()
	enc := json.NewEncoder(out)
	for _, stmt := range fs.Args() {
		start := time.Now()
		res, err := neo4j.ExecuteQuery(ctx, drv, stmt, p, neo4j.EagerResultTransformer, neo4j.ExecuteQueryWithDatabase(*db))
		if err != nil {
			return fmt.Errorf("running %.80q: %w", stmt, err)
		}
		for _, r := range res.Records {
			if err := enc.Encode(r.AsMap()); err != nil {
				return fmt.Errorf("writing a row: %w", err)
			}
		}
		fmt.Fprintf(out, "-- %d rows in %s\n", len(res.Records), time.Since(start).Round(time.Millisecond))
		if prof := res.Summary.Profile(); prof != nil {
			printPlan(out, prof, 0)
		} else if plan := res.Summary.Plan(); plan != nil && strings.HasPrefix(strings.ToUpper(strings.TrimSpace(stmt)), "EXPLAIN") {
			printExplain(out, plan, 0)
		}
	}
	return nil
}

func printPlan(w io.Writer, p neo4j.ProfiledPlan, depth int) {
	fmt.Fprintf(w, "%s%s rows=%d dbHits=%d %v\n", strings.Repeat("  ", depth), p.Operator(), p.Records(), p.DbHits(), details(p.Arguments()))
	for _, c := range p.Children() {
		printPlan(w, c, depth+1)
	}
}

func printExplain(w io.Writer, p neo4j.Plan, depth int) {
	fmt.Fprintf(w, "%s%s %v\n", strings.Repeat("  ", depth), p.Operator(), details(p.Arguments()))
	for _, c := range p.Children() {
		printExplain(w, c, depth+1)
	}
}

func details(args map[string]any) any {
	if d, ok := args["Details"]; ok {
		return d
	}
	return ""
}

// decodeParams reads the -params JSON object with whole numbers as
// integers: Cypher refuses a float as a list index, and encoding/json
// would make every number a float64.
func decodeParams(s string) (map[string]any, error) {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.UseNumber()
	var p map[string]any
	if err := dec.Decode(&p); err != nil {
		return nil, err
	}
	return ints(p).(map[string]any), nil
}

// ints replaces each json.Number in v by an int64 when it is whole, else
// a float64.
func ints(v any) any {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return i
		}
		f, _ := x.Float64()
		return f
	case map[string]any:
		for k, e := range x {
			x[k] = ints(e)
		}
	case []any:
		for i, e := range x {
			x[i] = ints(e)
		}
	}
	return v
}
