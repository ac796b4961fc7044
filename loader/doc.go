// Package loader is the imperative shell around the pure parser and
// extractor: it walks the inputs, parses and extracts records in parallel,
// batches the results and hands them to one writer.
//
// It exists as its own package so that the three ways cables enter the
// system (`cablegraph load` into Neo4j, `cablegraph serve` into the embedded
// store, `cablegraph parse` to stdout) share one pipeline with one set of
// guarantees:
//
//   - Order: records are processed in parallel but delivered in input order,
//     so when two records carry the same cable id the later one wins, and
//     batches are written in input order.
//   - Idempotence: every cable carries a sha256 content hash of its parsed and
//     extracted JSON; a cable whose stored hash is the same is skipped
//     (unless Options.Force), so a second load of the same input writes
//     nothing and leaves the same graph.
//   - Honesty: every record that cannot be read, parsed or extracted is a
//     Failure with its file, record, line and reason; nothing is dropped
//     silently, and the run returns an error wrapping ErrFailures.
//   - Atomicity: the store writes each batch in one call (one transaction for
//     Neo4j); an interrupted run finishes the batch being written and stops,
//     so the graph never holds half a batch.
//
// # Bounded memory
//
// Memory does not grow with the size of the input. At most Options.Window()
// records (parsed or not) are in flight between the reader and the batcher:
// the reader takes a slot from a semaphore of that size before it hands a
// record to the workers, and the slot is given back only when the record
// leaves the reorder buffer in input order. So the reorder buffer, the job
// and result channels and the workers together never hold more than
// Window records, however slow one record is. Beyond that there is the
// batch being filled and the batch being written (2 x BatchSize cables), and
// the input file being split (the parser's concern: it reads records
// sequentially). The one structure that grows is the map of cable id to
// content hash used for the dataset version: about 150 bytes per distinct
// cable (under 40 MB for the whole 251,287-cable release), proportional to
// the number of cables, not to their size.
// BenchmarkLoadMemstore reports the peak heap it observes.
package loader
