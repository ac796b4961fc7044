package neo4jstore

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/cablegraph/cablegraph/graph"
)

// ImportWriter is a graph.Writer that writes the CSV files of Neo4j's
// offline importer (neo4j-admin database import full) instead of running
// Bolt transactions. A first load of the whole release through Bolt costs
// Neo4j several milliseconds of interpreted Cypher per cable; the importer
// writes the store files directly, an order of magnitude faster.
//
// It turns each batch into the same rows as Store.WriteCables (buildRows),
// so labels, properties, relationship types and the content hash that
// lets a later Bolt re-load skip unchanged cables are the same. Shared
// nodes (Person, Country, Tag, Reference, Organization) are written once,
// by key, at Close, with the aggregate properties the Bolt bulk load
// derives from the facts (FinishBulk): the same fold (freshFacts,
// aggregate, nodeSpecs' combine) over the same rows, computed in memory
// instead of over Bolt. Store.FinishImport then creates the schema.
//
// It can only describe a graph written in one go into an empty database:
// a cable given twice is refused (graph.ErrInvalid), not replaced.
type ImportWriter struct {
	dir string
	log *slog.Logger

	mu        sync.Mutex
	files     map[string]*csvFile // by import file name
	cables    map[string]string   // cable id -> hash
	fresh     *freshFacts         // shared nodes' facts, folded as by a bulk load
	countries stringSet           // countries cables point at (CONCERNS, ORIGINATED_IN)
	dataset   *graph.DatasetInfo
	closed    bool
}

var _ graph.Writer = (*ImportWriter)(nil)

// importFile is one CSV file of the import: its label or relationship
// type, whether it holds nodes, and its columns.
type importFile struct {
	name, kind string
	nodes      bool
	cols       []importColumn
}

func typed(key, typ string) importColumn { return importColumn{key: key, header: key, typ: typ} }
func prop(key string) importColumn       { return importColumn{key: key, header: key} }

// ID groups: one per label, so a Reference and the Cable it resolves to
// may share an id.
const (
	gCable   = "ID(Cable)"
	gPerson  = "ID(Person)"
	gCountry = "ID(Country)"
	gTag     = "ID(Tag)"
	gRef     = "ID(Reference)"
	gOrg     = "ID(Organization)"
)

func start(key, group string) importColumn { return importColumn{key: key, header: ":START_" + group} }
func end(key, group string) importColumn   { return importColumn{key: key, header: ":END_" + group} }

// importFiles are the files in the order given to the importer; the
// column keys are those of buildRows' rows.
func importFiles() []importFile {
	return []importFile{
		{"cables.csv", graph.KindCable, true, []importColumn{
			{key: "id", header: "id:" + gCable}, typed("created", colDateTime), typed("released", colDateTime),
			prop("classification"), prop("origin"), prop("originLower"), prop("subject"), prop("body"),
			typed("tags", colStrings), prop("hash"), prop("doc"),
		}},
		{"persons.csv", graph.KindPerson, true, []importColumn{
			{key: "key", header: "key:" + gPerson}, prop("name"), prop("surname"), typed("aliases", colStrings),
			typed("roles", colStrings), typed("countries", colStrings), typed("how", colStrings), typed("cables", colLong),
			typed("norms", colStrings), typed("nameNorms", colStrings), prop("surnameKey"), typed("partners", colStrings),
		}},
		{"countries.csv", graph.KindCountry, true, []importColumn{{key: "code", header: "code:" + gCountry}, prop("name")}},
		{"tags.csv", graph.KindTag, true, []importColumn{{key: "code", header: "code:" + gTag}, prop("meaning"), prop("kind")}},
		{"references.csv", graph.KindReference, true, []importColumn{{key: "id", header: "id:" + gRef}, prop("kind"), prop("raw")}},
		{"organizations.csv", graph.KindOrganization, true, []importColumn{
			{key: "key", header: "key:" + gOrg}, prop("name"), prop("kind"),
		}},
		{"dataset.csv", "Dataset", true, []importColumn{
			{key: "name", header: "name:ID(Dataset)"}, prop("version"), typed("loadedAt", colDateTime), typed("cables", colLong),
		}},
		{"loadstate.csv", "LoadState", true, []importColumn{{key: "name", header: "name:ID(LoadState)"}, typed("stale", colBool)}},

		{"tagged.csv", graph.RelTagged, false, []importColumn{start("cable", gCable), end("code", gTag), prop("meaning"), prop("kind")}},
		{"originated.csv", "ORIGINATED_IN", false, []importColumn{start("cable", gCable), end("code", gCountry)}},
		{"concerns.csv", "CONCERNS", false, []importColumn{
			start("cable", gCable), end("code", gCountry), typed("count", colLong), prop("name"),
		}},
		{"cites.csv", graph.RelCites, false, []importColumn{start("cable", gCable), end("id", gRef), prop("letter"), prop("raw")}},
		{"mentions_org.csv", graph.RelMentionsOrg, false, []importColumn{
			start("cable", gCable), end("key", gOrg), typed("count", colLong), prop("name"), prop("kind"),
		}},
		{"mentioned.csv", "MENTIONED_IN", false, []importColumn{
			start("key", gPerson), end("cable", gCable), typed("count", colLong), typed("paragraphs", colLongs),
			prop("name"), prop("surname"), typed("aliases", colStrings), typed("roles", colStrings),
			prop("country"), typed("how", colStrings),
		}},
		{"classified.csv", "CLASSIFIED", false, []importColumn{start("key", gPerson), end("cable", gCable)}},
		{"signed.csv", "SIGNED", false, []importColumn{start("key", gPerson), end("cable", gCable)}},
		{"interacted.csv", "INTERACTED", false, []importColumn{
			start("a", gPerson), end("b", gPerson), prop("kind"), prop("status"), prop("cable"),
			typed("paragraph", colLong), prop("evidence"), typed("topics", colStrings), typed("date", colDateTime),
			typed("confidence", colDouble), typed(importTopicsEmpty, colBool), typed(topicKeysProp, colStrings),
			prop(pairProp), prop(topicEvidenceProp),
		}},
		{"resolves.csv", "RESOLVES_TO", false, []importColumn{start("id", gRef), end("cable", gCable)}},
		{"affiliated.csv", "AFFILIATED_WITH", false, []importColumn{start("key", gPerson), end("code", gCountry)}},
	}
}

// importTopicsEmpty marks an INTERACTED whose topics are an empty list
// (not absent), which the importer cannot write; FinishImport restores
// the list and removes the mark.
const importTopicsEmpty = "importTopicsEmpty"

// NewImportWriter creates dir (it must be empty or absent) and opens the
// import files in it. Close finishes them and writes import.args.
func NewImportWriter(dir string, log *slog.Logger) (*ImportWriter, error) {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("import dir: %w", err)
	}
	if err := os.MkdirAll(abs, 0o755); err != nil {
		return nil, fmt.Errorf("import dir: %w", err)
	}
	if ents, err := os.ReadDir(abs); err != nil {
		return nil, fmt.Errorf("import dir: %w", err)
	} else if len(ents) > 0 {
		return nil, fmt.Errorf("import dir %s is not empty (the import describes one whole load): %w", abs, graph.ErrInvalid)
	}
	w := &ImportWriter{dir: abs, log: log, files: map[string]*csvFile{}, cables: map[string]string{}, fresh: newFreshFacts()}
	for _, f := range importFiles() {
		c, err := newCSVFile(filepath.Join(abs, f.name), f.cols)
		if err != nil {
			w.closeFiles()
			return nil, err
		}
		w.files[f.name] = c
	}
	return w, nil
}

// EnsureSchema does nothing: the schema is created after the import, over
// Bolt (Store.FinishImport), when the data is in place.
func (w *ImportWriter) EnsureSchema(context.Context) error { return nil }

// CableHashes returns the hashes of the cables this writer has written
// (the database it fills starts empty).
func (w *ImportWriter) CableHashes(_ context.Context, ids []string) (map[string]string, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := map[string]string{}
	for _, id := range ids {
		if h, ok := w.cables[id]; ok {
			out[id] = h
		}
	}
	return out, nil
}

// SetDataset records the dataset version; Close writes it.
func (w *ImportWriter) SetDataset(_ context.Context, d graph.DatasetInfo) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	d.LoadedAt = utc(d.LoadedAt)
	w.dataset = &d
	return nil
}

// WriteCables appends the cables' rows to the import files: all of the
// batch or, when one value cannot be written, none of it.
func (w *ImportWriter) WriteCables(ctx context.Context, cables []*graph.Cable, hashes []string) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	b, err := buildRows(cables, hashes)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return fmt.Errorf("import writer: write after close: %w", graph.ErrInvalid)
	}
	var dup []string
	for _, id := range b.ids {
		if _, ok := w.cables[id]; ok {
			dup = append(dup, id)
		}
	}
	if len(dup) > 0 {
		return fmt.Errorf("import writer: cables %s given twice (an import writes each cable once): %w",
			strings.Join(dup, ", "), graph.ErrInvalid)
	}
	if err := w.addBatch(b); err != nil {
		for _, f := range w.files {
			f.discard()
		}
		return err
	}
	for _, f := range w.files {
		if err := f.commit(); err != nil {
			return err
		}
	}
	w.fresh.merge(freshOf(b))
	for _, rows := range [][]any{b.originated, b.concerns} {
		for _, r := range rows {
			w.countries.add(r.(map[string]any)["code"].(string))
		}
	}
	for _, r := range b.cables {
		m := r.(map[string]any)
		w.cables[strings.Clone(m["id"].(string))] = m["hash"].(string) // not a slice of the cable's record (freshOf)
	}
	return nil
}

// addBatch encodes the batch's cables and relationships into the files'
// pending rows.
func (w *ImportWriter) addBatch(b *batchRows) error {
	for _, r := range b.cables {
		if err := w.files["cables.csv"].add(r.(map[string]any)); err != nil {
			return err
		}
	}
	rels := []struct {
		file string
		rows []any
	}{
		{"tagged.csv", b.tagged}, {"originated.csv", b.originated}, {"concerns.csv", b.concerns},
		{"cites.csv", b.cites}, {"mentions_org.csv", b.mentionsOrg}, {"mentioned.csv", b.mentioned},
		{"classified.csv", b.classified}, {"signed.csv", b.signed}, {"interacted.csv", b.interacted},
	}
	for _, rel := range rels {
		for _, r := range rel.rows {
			m := r.(map[string]any)
			if rel.file == "interacted.csv" {
				if t, ok := m["topics"].([]any); ok && len(t) == 0 {
					m = copyRow(m)
					m[importTopicsEmpty] = true
				}
				if m["kind"] != graph.InteractionCoMentioned {
					// cyInteracted's topicEvidenceOf, written here so
					// that the finish need not back-fill it (~50 s of
					// the release's import).
					m = copyRow(m)
					m[topicEvidenceProp] = m["evidence"]
				}
			}
			if err := w.files[rel.file].add(m); err != nil {
				return err
			}
		}
	}
	return nil
}

func copyRow(m map[string]any) map[string]any {
	out := make(map[string]any, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Close writes what depends on the whole load (RESOLVES_TO of references
// to loaded cables, the Dataset node, the stale aggregates mark), closes
// the files and writes import.args: the importer's arguments, one a line.
func (w *ImportWriter) Close(context.Context) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return nil
	}
	w.closed = true
	var errs []error
	add := func(file string, row map[string]any) {
		f := w.files[file]
		if err := f.add(row); err != nil {
			errs = append(errs, err)
			return
		}
		errs = append(errs, f.commit())
	}
	w.addSharedNodes(add)
	if d := w.dataset; d != nil {
		add("dataset.csv", map[string]any{
			"name": "dataset", "version": d.Version, "loadedAt": timeParam(d.LoadedAt), "cables": int64(d.Cables),
		})
	}
	// As after a bulk load's FinishBulk: the aggregates are computed.
	add("loadstate.csv", map[string]any{"name": "aggregates", "stale": false})
	add("loadstate.csv", map[string]any{"name": partnersState, "stale": false}) // every person's partners and pair keys written
	// Every non-co-mention's topic evidence is written too: EnsureSchema
	// after the import skips its back-fill. Not so the topic keys: an
	// empty list cannot be written (it would be absent), and their
	// back-fill after the import writes the [] the Bolt writer writes.
	add("loadstate.csv", map[string]any{"name": topicEvidenceState, "stale": false})
	errs = append(errs, w.closeFiles())
	if err := errors.Join(errs...); err != nil {
		return err
	}
	return w.writeArgs()
}

// addSharedNodes writes every shared node once with the properties a
// bulk load's FinishBulk gives it on an empty database: persons and the
// nodes of nodeSpecs from the folded facts, AFFILIATED_WITH from the
// persons' countries, and RESOLVES_TO from each reference that names a
// loaded cable.
func (w *ImportWriter) addSharedNodes(add func(file string, row map[string]any)) {
	f := w.fresh
	countries := stringSet{}
	countries.add(w.countries.list...)
	var aff []map[string]any
	for _, k := range f.personOrder {
		fp := f.persons[k]
		p := aggregate(k, []mention{fp.m})
		add("persons.csv", map[string]any{
			"key": k, "name": p.Name, "surname": p.Surname, "aliases": strs(p.Aliases),
			"roles": strs(p.Roles), "countries": strs(p.Countries), "how": strs(p.How),
			"cables": int64(fp.n), "norms": strs(searchNorms(p)), "nameNorms": strs(nameNorms(p)),
			"surnameKey": surnameKey(p.Surname), "partners": partnersParam(unionPartners(nil, fp.partners)),
		})
		for _, c := range p.Countries {
			countries.add(c)
			aff = append(aff, map[string]any{"key": k, "code": c})
		}
	}
	for _, r := range aff {
		add("affiliated.csv", r)
	}
	files := []string{"tags.csv", "countries.csv", "organizations.csv", "references.csv"} // nodeSpecs order
	for i, spec := range nodeSpecs {
		keys := f.nodeOrder[i]
		if spec.label == graph.KindCountry {
			keys = countries.list // also those only originated in or affiliated with: name ''
		}
		for _, k := range keys {
			row := map[string]any{spec.key: k}
			v, ok := f.nodes[i][k]
			if !ok {
				v = make([]string, len(spec.fields)) // '' as Bolt's ON CREATE SET
			}
			for j, fld := range spec.fields {
				row[fld] = v[j]
			}
			if spec.label == graph.KindReference {
				row["kind"] = graph.RefCable
				if _, ok := w.cables[k]; ok {
					add("resolves.csv", map[string]any{"id": k, "cable": k})
				}
			}
			add(files[i], row)
		}
	}
}

func (w *ImportWriter) closeFiles() error {
	var errs []error
	for _, f := range w.files {
		errs = append(errs, f.close())
	}
	return errors.Join(errs...)
}

// writeArgs writes import.args, read by the importer as @import.args.
func (w *ImportWriter) writeArgs() error {
	var lines, multi []string
	for _, f := range importFiles() {
		c := w.files[f.name]
		opt := "--relationships="
		if f.nodes {
			opt = "--nodes="
		}
		lines = append(lines, opt+f.kind+"="+c.path)
		if c.multiline {
			multi = append(multi, c.path)
		}
		w.log.Debug("import file", "file", f.name, "rows", c.rows, "multiline", c.multiline)
	}
	lines = append(lines, "--array-delimiter="+importArrayDelimArg)
	if len(multi) > 0 {
		// The v2 parser (--multiline-fields-format=v2 with a file list)
		// fails on carriage returns inside quoted cable text in Neo4j
		// 5.26 ("Weird input data, found CR outside a text cell"); v1
		// reads them right but applies to every file.
		w.log.Debug("import files with values over several lines", "files", strings.Join(multi, ","))
		lines = append(lines, "--multiline-fields=true")
	}
	path := filepath.Join(w.dir, "import.args")
	if err := os.WriteFile(path, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
		return fmt.Errorf("import args: %w", err)
	}
	return nil
}

// Counts returns the rows written per import file (nodes or
// relationships), for the load's report and tests.
func (w *ImportWriter) Counts() map[string]int64 {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := map[string]int64{}
	for _, f := range importFiles() {
		out[f.kind] += w.files[f.name].rows
	}
	return out
}
