package parse

import (
	"html"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The hand-written scanners replaced regexps on hot paths. The regexps stay
// here as their specification: every scanner must give exactly what its
// regexp gives, on edge cases and under the fuzzer.
var (
	specTH = regexp.MustCompile(`(?is)<th[^>]*>(.*?)</th>`)
	specTD = regexp.MustCompile(`(?is)<td[^>]*>(.*?)</td>`)

	specCleaner = strings.NewReplacer("¶", "", "\u00a0", " ", "\t", " ", "\f", "\n", "\\\n", "\n")
	specGlued   = regexp.MustCompile(`(\S)[ ]*(E\.O\. 1\d{4}|TAGS: |SUBJECT: |REF: )`)
	specAddrPre = regexp.MustCompile(`^\s*R[A-Z]{3,6}/`)
	specAddrSuf = regexp.MustCompile(`(?:\s+(?:NIACT\s+)?(?:IMMEDIATE|PRIORITY|ROUTINE|FLASH))?(?:\s+\d{1,5})?\s*$`)
)

var scannerCases = []string{
	"", "<", "<th>", "<th>x</th>", "<TH class='a'>Reference ID</Th><td>08X1</TD>", "<thead><tr><th>A</th></tr></thead>",
	"<th>a</th><th>b", "<th x>\n<b>c</b>\n</th><td>1</td><td>2</td>", "<th>a</td></th>", "<tdx>1</td>", "<th", "<th>>",
	"</th><th>a</th>", "<th>a</th >", "<th>\u212a</th>", "<tH>x</TH><TD>y</td>",
	"a\tb\fc\\\nd\\\\\ne¶f\u00a0g\u00a0", "\xc2", "¶", "\\", "x\xc2\xb6\xc2",
	"NOFORNE.O. 12958: DECL", "SIPDIS\nE.O. 12958", "x   TAGS: PREL", " TAGS: x", "TAGS: y", "é TAGS: a SUBJECT: b",
	"E.O. 12958SUBJECT: x", "aREF: REF: b", "a\tREF: b", "a E.O. 123 TAGS: x", "a E.O. 1234", "a E.O. 12345",
	"x REF: E.O. 19999", "\xffTAGS: x", "a  \u00a0 SUBJECT: x", "a.TAGS: TAGS: TAGS: ",
	"one two  three\tfour \u2003five \u00e9six\u0085", "a b", " a b ", "a \xff b", "é é", "e e e", "a\u3000 b",
	"RUEHC/SECSTATE WASHDC IMMEDIATE 1234", " RUEHCX/X", "RUEHCXYZ/X", "RUE/X", "RUEH/", "R/X", "\tRABCDEF/ x",
	"AMEMBASSY MOSCOW NIACT IMMEDIATE 5 ", "X NIACT  PRIORITY", "XNIACT ROUTINE", "FLASH", " FLASH", "A 123456", "A 12345",
	"A1234", "IMMEDIATE 12", "A ROUTINE12", "A\nPRIORITY\n7\n", "NIACT IMMEDIATE", " NIACT IMMEDIATE", "A  ",
	"SECRET NOFORN SIPDIS", "NOFORN/SIPDIS,EXDIS", "xNOFORN NOFORNx NO_FORN NOFORN_ FOUO.", "éNODIS", "IMCON LIMDIS ORCON",
	"in the Caucasus. BURNS", "talks.  JOHN Q. PUBLIC", "end:\tSmith ", "x. A B C D E", "Thanks. Smith", "a.\" BURNS",
	"one two three four five six. SEVEN EIGHT", "x.’ O’BRIEN-SMITH", "?  A", "a. B C D",
	"x\n\n2008-01-30\n\n08MOSCOW235\n\nbody", "12\n\n2008-01-30\n\n08MOSCOW235\n\nEmbassy", "\n\n\n\n1234-",
	"1,1/30/2008 15:43,08MOSCOW235,x", "x\n235,12/3/2008 5:43,08MOSCOW235,", "a/2008 b/", "/1234",
	"gas\n\nMOSCOW 00000235 002 OF 002\n\npipeline", "MOSCOW 00000235  002 OF   002 x", "HEAD OF STATE", " OF 002",
	"x END SUMMARY", "End of Summary. END SUMMARY", "summary End summary end summary", "ENDSUMMARY END OF SUMMARY",
	"End of summary", "xEnd Summary", "END OF Summary", "end of summary End Summary", "summarysummary End summary", "  tags PREL", "Subject: x", "REF: A. B", "E.O. 12958: DECL: 1/1/18", "DECL: X1", "(U) Classified By: X",
	"classified by classified by: x", "08 SECTION 01 OF 02 MOSCOW 235", "08SECTION01GF02BISHIEK21", "08moscow235", "a&#x000A;b", "<a>&#x000A;</a>x&#x000A;", "&#x00<b>0A;", "x&amp;&#x000A;", "&#x000A", "&#x000a;", "<p>&notit;&#x000A;",
	"a & b&#x000A;", "&", "&#x000A;&#x000A;<", "<b", "t<b>x</b", "&lt;b&gt;",
	"A BC 12345 123 OF 123", "xA BC 12345 123 OF 123", "A BC 12345 123.4 OF 123", "A BC 12345 123 OF 12", "1 OF 2",
}

func checkScanners(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		tag  string
		spec *regexp.Regexp
	}{{"th", specTH}, {"td", specTD}} {
		var want []string
		for _, m := range c.spec.FindAllStringSubmatch(s, -1) {
			want = append(want, m[1])
		}
		if got := cellContents(s, c.tag); !reflect.DeepEqual(got, want) {
			t.Errorf("cellContents(%q, %q) = %q, regexp says %q", s, c.tag, got, want)
		}
	}
	if got, want := cleanChars(s), specCleaner.Replace(s); got != want {
		t.Errorf("cleanChars(%q) = %q, want %q", s, got, want)
	}
	got, ok := splitGluedFields(s)
	if want := specGlued.ReplaceAllString(s, "$1\n$2"); got != want || ok != (got != s) {
		t.Errorf("splitGluedFields(%q) = %q, %v, regexp says %q", s, got, ok, want)
	}
	checkSqueeze(t, s)
	if got, want := firstSummaryEnd(s), specFirstSummaryEnd(s); got != want {
		t.Errorf("firstSummaryEnd(%q) = %d, want %d", s, got, want)
	}
	for _, re := range []*regexp.Regexp{classField, tagsField, subjField, refStart, eoField, classPrefix} {
		if got, want := cutAnchored(re, s), re.ReplaceAllString(s, ""); got != want {
			t.Errorf("cutAnchored(%v, %q) = %q, ReplaceAllString says %q", re, s, got, want)
		}
	}
	if got, want := CanonicalID(s), specCanonicalID(s); got != want {
		t.Errorf("CanonicalID(%q) = %q, without the pre-check %q", s, got, want)
	}
	if got, want := stripTags(s), specStripTags(s); got != want {
		t.Errorf("stripTags(%q) = %q, want %q", s, got, want)
	}
	if got, want := findEmbeddedBL(s), embeddedBL.FindStringSubmatchIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("findEmbeddedBL(%q) = %v, regexp says %v", s, got, want)
	}
	if got, want := findEmbeddedCSV(s), embeddedCSV.FindStringIndex(s); !reflect.DeepEqual(got, want) {
		t.Errorf("findEmbeddedCSV(%q) = %v, regexp says %v", s, got, want)
	}
	if got, want := removePageMarkers(s), specRemovePageMarkers(s); got != want {
		t.Errorf("removePageMarkers(%q) = %q, without the pre-check %q", s, got, want)
	}
	if got, want := trimAddrPrefix(s), specAddrPre.ReplaceAllString(s, ""); got != want {
		t.Errorf("trimAddrPrefix(%q) = %q, regexp says %q", s, got, want)
	}
	if got, want := trimAddrSuffix(s), specAddrSuf.ReplaceAllString(s, ""); got != want {
		t.Errorf("trimAddrSuffix(%q) = %q, regexp says %q", s, got, want)
	}
	var want []string
	for _, c := range caveatWord.FindAllString(s, -1) {
		want = appendUnique(want, c)
	}
	if got := appendCaveatWords(nil, s); !reflect.DeepEqual(got, want) {
		t.Errorf("appendCaveatWords(%q) = %q, regexp says %q", s, got, want)
	}
	// the glued signature is searched in the last five fields only
	full := gluedSig.FindStringSubmatchIndex(s)
	off := lastFieldsFrom(s, 5)
	part := gluedSig.FindStringSubmatchIndex(s[off:])
	for i := range part {
		if part[i] >= 0 {
			part[i] += off
		}
	}
	if !reflect.DeepEqual(full, part) {
		t.Errorf("gluedSig on the last fields of %q from %d = %v, on all of it %v", s, off, part, full)
	}
}

// checkSqueeze holds squeeze and squeezeJoin to strings.Fields.
func checkSqueeze(t *testing.T, s string) {
	t.Helper()
	if got, want := squeeze(s), strings.Join(strings.Fields(s), " "); got != want {
		t.Errorf("squeeze(%q) = %q, want %q", s, got, want)
	}
	parts := strings.Split(s, "e")
	if got, want := squeezeJoin(parts), strings.Join(strings.Fields(strings.Join(parts, " ")), " "); got != want {
		t.Errorf("squeezeJoin(%q) = %q, want %q", parts, got, want)
	}
}

func TestScannersAgreeWithRegexps(t *testing.T) {
	for _, s := range scannerCases {
		checkScanners(t, s)
	}
}

func FuzzScannersAgree(f *testing.F) {
	for _, s := range scannerCases {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkScanners(t, s) })
}

// TestSummaryOfAgrees holds summaryOf to findSummary(squeeze(body)) with the
// summary's end marker (split by line breaks and long blank runs) placed
// all around the point where summaryOf stops squeezing.
func TestSummaryOfAgrees(t *testing.T) {
	filler := strings.Repeat("word  of\ttext é’ \n", 20)
	for _, end := range []string{"END SUMMARY", "END\n\nSUMMARY", "End of    Summary", "end summary.", "END OF\n SUMMARY"} {
		for pad := summaryPrefixBytes - 400; pad < summaryPrefixBytes+400; pad += 7 {
			pre := strings.Repeat("x", pad%13) + " SUMMARY: the point. "
			for len(pre) < pad {
				pre += filler
			}
			body := pre[:pad] + " " + end + " " + strings.Repeat(filler, 60) + " END SUMMARY"
			if got, want := summaryOf(body), findSummary(squeeze(body)); got != want {
				t.Fatalf("end %q at %d: summaryOf = %q, want %q", end, pad, got, want)
			}
		}
	}
}

// specRemovePageMarkers is removePageMarkers without its digit pre-check:
// the pre-check must not change what is removed.
func specRemovePageMarkers(s string) string {
	var b strings.Builder
	from := 0
	for pos := 0; ; {
		k := strings.Index(s[pos:], " OF ")
		if k < 0 {
			break
		}
		k += pos
		pos = k + 4
		lo := max(from, k-60)
		loc := pageMarkerTail.FindStringIndex(s[lo:k])
		if loc == nil {
			continue
		}
		h := pageMarkerHead.FindStringIndex(s[k+3:])
		if h == nil {
			continue
		}
		start := lo + loc[0]
		if start > 0 && isWordByte(s[start-1]) {
			continue
		}
		end := k + 3 + h[1]
		sep := " "
		for start > from && (s[start-1] == ' ' || s[start-1] == '\n') {
			if s[start-1] == '\n' {
				sep = "\n"
			}
			start--
		}
		for end < len(s) && (s[end] == ' ' || s[end] == '\n') {
			if s[end] == '\n' {
				sep = "\n"
			}
			end++
		}
		b.WriteString(s[from:start])
		b.WriteString(sep)
		from = end
		pos = from
	}
	if from == 0 {
		return s
	}
	b.WriteString(s[from:])
	return b.String()
}

// specStripTags is the plain definition of stripTags: drop the tags, then
// html.UnescapeString.
func specStripTags(s string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(s)
			break
		}
		b.WriteString(s[:i])
		j := strings.IndexByte(s[i:], '>')
		if j < 0 {
			break
		}
		s = s[i+j+1:]
	}
	return html.UnescapeString(b.String())
}

// specCanonicalID is CanonicalID without the "SECTION" pre-check.
func specCanonicalID(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "_", " ")
	s = idSection.ReplaceAllString(s, "")
	m := idPattern.FindStringSubmatch(s)
	if m == nil {
		return ""
	}
	post := strings.ReplaceAll(m[2], " ", "")
	if a, ok := postAliases[post]; ok {
		post = a
	}
	n, err := strconv.Atoi(m[3])
	if err != nil || n == 0 {
		return ""
	}
	return m[1] + post + strconv.Itoa(n)
}

// summaryEnds are the markers that end a summary.
var summaryEnds = [...]string{"END SUMMARY", "End Summary", "End summary", "end summary", "END OF SUMMARY", "End of Summary", "End of summary"}

// specFirstSummaryEnd is the earliest of the markers, searched one by one.
func specFirstSummaryEnd(s string) int {
	end := -1
	for _, marker := range summaryEnds {
		if i := strings.Index(s, marker); i >= 0 && (end < 0 || i < end) {
			end = i
		}
	}
	return end
}
