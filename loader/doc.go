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
//     extracted content (ContentHash); a cable whose stored hash is the same is skipped
//     (unless Options.Force), so a second load of the same input writes
//     nothing and leaves the same graph. Each cable is also stored with the
//     hash of the raw record it came from (see rawhash.go): a re-load lists
//     the stored hashes once and skips matching records before parsing, so
//     re-loading an unchanged corpus costs reading it, not parsing it.
//   - Deferred derived work: a store that implements graph.BulkWriter
//     (Neo4j) computes shared nodes' aggregates once at the end of the load
//     instead of after every batch; Load calls FinishBulk even after a
//     failure, and the store repairs a load that died before it.
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
//
// # Person keys (two phases and a spool)
//
// The extractor keys a person by surname alone ("lavrov") unless the cable
// ties them to a country ("lavrov|RS"); one cable cannot know that its bare
// "lavrov" is the Russian one, the corpus can. extract.ResolveKeys folds a
// bare key into its dominant qualified variant from the number of cables
// per key, and stores merge persons by key, so the keys must be rewritten
// before cables are hashed and written. Load therefore runs in two phases
// unless Options.NoResolve:
//
//  1. read, parse and extract in parallel as above, keep each cable until
//     phase 2, and count the cables per person key. Failures are reported
//     as they come. Where the cables are kept is Options.Spool: for a store
//     in this process (memstore, which implements InProcess) they stay in
//     memory, decoded, since the store is about to hold them all anyway,
//     but only when they fit: decoded cables take many times their input
//     bytes (8.4 GB RSS for a 394 MB CSV of 50,000 cables, store
//     included), so SpoolAuto keeps them in memory only when 23 times the
//     input size fits Options.MemoryBudget (by default half the memory
//     available per MemAvailable and the cgroup limit, and no more than
//     the headroom under GOMEMLIMIT), and logs its choice; input of unknown size
//     (stdin) could be the whole release and goes to a file. Otherwise,
//     and for any other store, they go to a spool file in Options.TempDir (the
//     hash and the cable's canonical encoding, the bytes ContentHash hashes,
//     one record each, compressed with S2, see BenchmarkSpool: about 3 times
//     smaller on generated cables, so that a temp dir in RAM stays small).
//     Its round trip gives back what JSON gave back (spool_codec.go); it
//     used to be JSON in gzip, whose encoding, decoding and compression
//     cost about half of a load's CPU through the spool, now under a tenth.
//  2. add the counts of the persons already stored (when the store is also
//     a graph.Reader, paged through ListPersons: an incremental load folds
//     keys the way the whole graph says), compute the mapping, read the
//     spool back in order, rewrite Persons[].Key and Interactions[].A/B
//     (mentions that meet under one key are merged, interactions of a
//     person with themself dropped, identical ones kept once), rehash the
//     cables that changed and write them in batches as above.
//
// Memory stays bounded with a spool file: it is read one cable at a time;
// what grows is the key counts and the mapping, proportional to the number
// of distinct persons. The spool is removed when Load returns, whatever
// the outcome. The mapping depends only on the counts, so loading the same
// corpus again yields the same keys and hashes and writes nothing (stored
// counts include the cables being reloaded, which scales every variant of
// a surname alike). The cost is that nothing is written before phase 1
// ends, so writes no longer overlap parsing, and an interrupted phase 1
// writes nothing.
package loader
