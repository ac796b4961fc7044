package neo4jstore

import (
	"context"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/cablegraph/cablegraph/graph"
)

// TestImportWriterKeepsNoSliceOfRecords writes a cable whose strings are
// all slices of one large buffer, as the loader's spool decoder gives them,
// and checks that nothing the import writer keeps until it finishes (cable
// ids, countries, the folded persons and shared nodes) points into that
// buffer: a kept slice would keep the whole record alive until the end of
// the import.
func TestImportWriterKeepsNoSliceOfRecords(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(strings.Repeat("padding ", 500))
	type field struct{ off, n int }
	put := func(s string) field { f := field{sb.Len(), len(s)}; sb.WriteString(s); return f }
	id, tag, cc, cname, key, name, sur, alias, org, orgName, key2 := put("09XYZ1"), put("PREL"), put("RS"), put("Russia"),
		put("lavrov|RS"), put("Sergey Lavrov"), put("Lavrov"), put("FM Lavrov"), put("org:mfa"), put("Foreign Ministry"), put("jeremic|SR")
	record := sb.String()
	sl := func(f field) string { return record[f.off : f.off+f.n] }
	d := time.Date(2008, 1, 2, 0, 0, 0, 0, time.UTC)
	c := &graph.Cable{
		ID: sl(id), Created: &d, Subject: record[:40], Body: record[:200], Tags: []string{sl(tag)},
		Countries:     []graph.CountryMention{{Code: sl(cc), Name: sl(cname), Count: 1, Origin: true}},
		Persons:       []graph.PersonMention{{Key: sl(key), Name: sl(name), Surname: sl(sur), Aliases: []string{sl(alias)}, Country: sl(cc), Count: 1}, {Key: sl(key2), Name: sl(key2), Count: 1}},
		Organizations: []graph.OrgMention{{Key: sl(org), Name: sl(orgName), Count: 1}},
		Interactions:  []graph.Interaction{{A: sl(key), B: sl(key2), Kind: graph.InteractionMet, Cable: sl(id), Paragraph: 1, Evidence: record[:30], Date: &d}},
	}
	w, err := NewImportWriter(t.TempDir(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.WriteCables(context.Background(), []*graph.Cable{c}, []string{"h"}); err != nil {
		t.Fatal(err)
	}
	base := uintptr(unsafe.Pointer(unsafe.StringData(record)))
	check := func(what, s string) {
		t.Helper()
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); s != "" && p >= base && p < base+uintptr(len(record)) {
			t.Errorf("%s %q is a slice of the cable's record", what, s)
		}
	}
	kept := 0
	for k := range w.cables {
		check("cable id", k)
		kept++
	}
	for _, k := range w.countries.list {
		check("country", k)
		kept++
	}
	for k, p := range w.fresh.persons {
		check("person key", k)
		check("person name", p.m.Name)
		check("person surname", p.m.Surname)
		for _, l := range [][]string{p.m.Aliases, p.m.Roles, p.m.How, p.m.Countries} {
			for _, s := range l {
				check("person list value", s)
			}
		}
		for o := range p.partners {
			check("partner", o)
		}
		kept++
	}
	for i := range w.fresh.nodes {
		for k, v := range w.fresh.nodes[i] {
			check(nodeSpecs[i].label+" key", k)
			for _, s := range v {
				check(nodeSpecs[i].label+" value", s)
			}
			kept++
		}
	}
	if kept < 6 { // a cable, a country, two persons, a tag, an organization
		t.Fatalf("the writer kept %d facts, want at least 6: the test looks at the wrong fields", kept)
	}
}
