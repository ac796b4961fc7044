// Package parse turns the raw bytes of a diplomatic cable, in any of the
// formats it circulates in (rendered page text, cablegate HTML, body-only
// text, the release's cables.csv, plain telegram text), into a graph.Cable.
//
// It is the functional core of the loader: parsing is pure and safe for
// concurrent use so that the loader can run it in parallel, while splitting
// an input into records (Records) and expanding paths (Open) are the only
// places that touch I/O. Every answer the graph gives rests on these fields,
// so the parser never guesses: what a cable does not say stays absent, and a
// record that cannot be parsed is reported as a *Failure rather than dropped.
package parse
