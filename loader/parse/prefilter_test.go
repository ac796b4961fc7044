package parse

import (
	"reflect"
	"strings"
	"testing"
)

// prefilterCases are lines that probe the edges of each pre-check.
var prefilterCases = []string{
	"", " ", "1. (C) Summary: text", "1.(C) text", "1.((C) text", "12 . text", "1234. x", "1.", "1. ", " 7.  (S/NF) x",
	"3. (SBU//NF) y", "3. (ABCDE) y", "3. (A///B) y", "3. (A/B/C) y", "3. (A/BCDEFGH) y", "2.\tx\ny", "2. x\ny", "2.x",
	"C O N F I D E N T I A L SECTION 01 OF 02 MOSCOW 000235", "CONFIDENTIAL", "SECRET//NOFORN", "UNCLAS SECTION 01",
	"LIMITED OFFICIAL USE", "CONFIDENTIALITY", "Secret talks", "U N C L A S", "SIPDIS", "NOFORN, SIPDIS", "E F T O",
	"SENSITIVE BUT UNCLASSIFIED", "NOFORN.", "NOfORN", "TAGS: PREL", "tags prel", "SUBJECT: X", "Subj: x", "E.O. 12958: DECL",
	"EO 12958", "DECL: 1/1/18", "REF: A. STATE 1", "REFS (A) X", "ref a: x", "Reftel: x", "(U) CLASSIFIED BY: X",
	"Classified By: Alice G. Wells", "CLAſſIFIED BY: X", "ſUBJECT: x", "x CLASSIFIED BY: y", "x classified\tby: y",
	"SUMMARY: x", "-- Summary --", " - - SUMMARY", "Introduction and Summary", "ſummary", "O 301543Z JAN 08",
	"R 011200Z FEB 2009 x", "P P 011200Z FEB 09", "Z 0", "PRIORITY", "  \t", "\u00a0SECRET", "\u2003x  y\t\u00a0z ",
	"a b", " a b", "a  b", "a b ", "a\tb", "a\u0085b", "\xff \xfe  x", "abc\u3000def",
}

func checkPrefilters(t *testing.T, s string) {
	t.Helper()
	check := func(name string, got, want bool) {
		t.Helper()
		if got != want {
			t.Errorf("%s(%q) = %v, regexp says %v", name, s, got, want)
		}
	}
	check("isBannerLine", isBannerLine(s), bannerLine.MatchString(s))
	check("isCaveatOnly", isCaveatOnly(s), caveatOnly.MatchString(s))
	check("isHeaderField", isHeaderField(s), headerField.MatchString(s))
	check("isRefStart", isRefStart(s), refStart.MatchString(s))
	check("isClassField", isClassField(s), classField.MatchString(s))
	check("isSummaryHead", isSummaryHead(s), summaryHead.MatchString(s))
	check("isDTGLine", isDTGLine(s), dtgLine.MatchString(s))
	if !mayHoldClassifiedBy(s) && (classMid.MatchString(s) || classMidRef.MatchString(s)) {
		t.Errorf("mayHoldClassifiedBy(%q) = false, but the regexp matches", s)
	}
	if got, want := findParaStart(s), paraStart.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("findParaStart(%q) = %q, regexp says %q", s, got, want)
	}
	if got, want := findDTGLine(s), dtgLine.FindStringSubmatch(s); !reflect.DeepEqual(got, want) {
		t.Errorf("findDTGLine(%q) = %q, regexp says %q", s, got, want)
	}
	if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
		t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
	}
	parts := strings.Split(s, "b")
	if got, want := squeezeJoin(parts), strings.Join(strings.Fields(strings.Join(parts, " ")), " "); got != want {
		t.Errorf("squeezeJoin(%q) = %q, want %q", parts, got, want)
	}
}

// TestPrefiltersAgreeWithRegexps holds every pre-check to its regexp on
// edge cases and on every line (trimmed and not) of the shared corpus.
func TestPrefiltersAgreeWithRegexps(t *testing.T) {
	for _, s := range prefilterCases {
		checkPrefilters(t, s)
	}
	if testing.Short() {
		return
	}
	recs, _ := readCorpus(t, sharedDir(t, "data/cables"))
	seen := map[string]bool{}
	for _, r := range recs {
		for _, l := range strings.Split(cleanText(text(r.Data)), "\n") {
			for _, s := range []string{l, strings.TrimSpace(l)} {
				if seen[s] {
					continue
				}
				seen[s] = true
				checkPrefilters(t, s)
				if t.Failed() {
					return
				}
			}
		}
	}
	t.Logf("%d distinct lines checked", len(seen))
}

// FuzzPrefilters: the pre-checks agree with their regexps on any input.
func FuzzPrefilters(f *testing.F) {
	for _, s := range prefilterCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		checkPrefilters(t, s)
	})
}

// TestMorePrefiltersAgree checks the whole-text pre-checks on edge cases.
func TestMorePrefiltersAgree(t *testing.T) {
	for _, s := range append(prefilterCases, "x PAGE 02 MOSCOW 00235 02 OF 02 301543Z", "PAGE x", "AMEMBASSY MOSCOW PRIORITY 1234",
		"AMEMBASSY MOSCOW", "SECSTATE WASHDC NIACT IMMEDIATE", "RUEHC/SECSTATE WASHDC 5", "FLASH ", "id: 1\ndate: x\nrefid: y", "x\nid: 1 \ndate: 2\nrefid: 3") {
		if !mayHoldOldPage(s) && oldPage.MatchString(s) {
			t.Errorf("mayHoldOldPage(%q) = false, but oldPage matches", s)
		}
		if got, want := findClassInBody(s), classInBody.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("findClassInBody(%q) = %v, want %v", s, got, want)
		}
		if got, want := findEmbeddedKV(s), embeddedKV.FindStringIndex(s); !reflect.DeepEqual(got, want) {
			t.Errorf("findEmbeddedKV(%q) = %v, want %v", s, got, want)
		}
	}
}
