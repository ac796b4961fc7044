package parse

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/cablegraph/cablegraph/graph"
)

// fuzzOne parses data as format and checks the invariants: no panic (the
// fuzzer catches it), termination, and either a cable with an id or a
// *Failure with a reason.
func fuzzOne(t *testing.T, name, format string, data []byte) {
	err := Records(context.Background(), name, bytes.NewReader(data), Options{Format: format, MaxRecordBytes: 1 << 20},
		func(rec Record) error {
			c, err := ParseRecord(rec)
			if err != nil {
				f, ok := err.(*Failure)
				if !ok || f.Reason == "" {
					t.Fatalf("error %v is not a *Failure with a reason", err)
				}
				return nil
			}
			if c == nil || c.ID == "" || CanonicalID(c.ID) != c.ID {
				t.Fatalf("cable without a canonical id: %+v", c)
			}
			for _, p := range c.Paragraphs {
				if p.Number < 0 {
					t.Fatalf("negative paragraph number %d", p.Number)
				}
			}
			return nil
		}, func(f *Failure) {
			if f.Reason == "" {
				t.Fatalf("failure without reason: %+v", f)
			}
		})
	if err != nil {
		t.Fatalf("Records: %v", err)
	}
}

func seedFuzz(f *testing.F, files ...string) {
	for _, p := range files {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
}

func FuzzParsePage(f *testing.F) {
	seedFuzz(f, "testdata/08MOSCOW235.txt")
	f.Add([]byte("Identifier\nCreated\n08MOSCOW1\n"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzOne(t, "x.txt", graph.FormatPage, b) })
}

func FuzzParseHTML(f *testing.F) {
	f.Add([]byte("<h3>Viewing cable 08MOSCOW235, X</h3>\n<table class='cable'><tr><th>Reference ID</th><th>Created</th></tr><tr><td>08MOSCOW235</td><td>2008-01-30 15:43</td></tr></table><code><pre>VZCZC&#x000A;O 301543Z JAN 08</pre></code><code><pre>C O N F I D E N T I A L MOSCOW 000235&#x000A;TAGS: <a href='/tag/PREL_0.html'>PREL</a>&#x000A;REF: A. MOSCOW 1&#x000A;<a id='par1' href='#par1'>¶</a>1. (C) Text.</pre></code>"))
	f.Add([]byte("<pre>id: 1\ndate: 1/2/2008 10:00\nrefid: 08X1\n----------------- header ends ----------------\nSUBJECT: X"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzOne(t, "x.html", graph.FormatHTML, b) })
}

func FuzzParseBody(f *testing.F) {
	f.Add([]byte("<code><pre>UNCLAS PRISTINA 000148 &#x000A;SUBJECT: X&#x000A;<a id='par1' href='#par1'>¶</a>1. (U) Text. END SUMMARY</pre></code>"))
	f.Add([]byte("Appears in these articles:<br />\n"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzOne(t, "09PRISTINA148.txt", graph.FormatBody, b) })
}

func FuzzParseCSV(f *testing.F) {
	seedFuzz(f, "testdata/cables.csv")
	f.Fuzz(func(t *testing.T, b []byte) { fuzzOne(t, "cables.csv", graph.FormatCSV, b) })
}

func FuzzParseTelegram(f *testing.F) {
	f.Add([]byte("VZCZCXRO1\nO 301543Z JAN 08\nFM AMEMBASSY MOSCOW\nTO RUEHC/SECSTATE WASHDC IMMEDIATE 1\nC O N F I D E N T I A L MOSCOW 000235\nSUBJECT: X\nREF: 07 MOSCOW 5\nClassified By: Ambassador William J. Burns for reasons 1.4 (b)\n1. (C) Text.\nBURNS\n"))
	f.Fuzz(func(t *testing.T, b []byte) { fuzzOne(t, "x.txt", graph.FormatTelegram, b) })
}
