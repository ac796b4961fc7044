package parse

import (
	"reflect"
	"regexp"
	"testing"
)

// The hand-written scanners replaced regexps on hot paths. The regexps stay
// here as their specification: every scanner must give exactly what its
// regexp gives, on edge cases and under the fuzzer.
var (
	specTH = regexp.MustCompile(`(?is)<th[^>]*>(.*?)</th>`)
	specTD = regexp.MustCompile(`(?is)<td[^>]*>(.*?)</td>`)
)

var scannerCases = []string{
	"", "<", "<th>", "<th>x</th>", "<TH class='a'>Reference ID</Th><td>08X1</TD>", "<thead><tr><th>A</th></tr></thead>",
	"<th>a</th><th>b", "<th x>\n<b>c</b>\n</th><td>1</td><td>2</td>", "<th>a</td></th>", "<tdx>1</td>", "<th", "<th>>",
	"</th><th>a</th>", "<th>a</th >", "<th>\u212a</th>", "<tH>x</TH><TD>y</td>",
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
