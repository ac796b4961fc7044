package parse

import (
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cablegraph/cablegraph/graph"
)

var (
	signatureRe = regexp.MustCompile(`^[A-Z][A-Za-z'’\-]+(?:\s+[A-Z][A-Za-z'’.\-]*){0,3}$`)
	gluedSig    = regexp.MustCompile(`(?:[.!?]["'’”)]?|:)\s+([A-Z][A-Z'’\-]+(?:\s+[A-Z][A-Z'’.\-]*){0,2}|[A-Z][a-z'’\-]+)\s*$`)
	notSigWords = map[string]bool{"END": true, "COMMENT": true, "SUMMARY": true, "UNQUOTE": true, "QUOTE": true, "NNNN": true,
		"BT": true, "SIPDIS": true, "NOFORN": true, "CONFIDENTIAL": true, "SECRET": true, "UNCLASSIFIED": true, "UNCLAS": true,
		"TEXT": true, "NOTE": true, "ENDS": true, "THANKS": true, "YES": true, "NO": true, "OK": true, "NOTAL": true, "EXDIS": true,
		"NODIS": true, "TBD": true, "NA": true, "N/A": true, "AMEN": true, "USG": true, "GOR": true, "SEPTEL": true, "REFTEL": true}
)

// bodyResult is what the text after the header gives.
type bodyResult struct {
	paragraphs []graph.Paragraph
	summary    string
	signature  string
	body       string
}

// parseBodyLines reads paragraphs, summary and signature from the body
// lines after the header, dropping section banners and handling lines.
func parseBodyLines(lines []string) bodyResult {
	clean := make([]string, 0, len(lines))
	for _, l := range lines {
		t := strings.TrimSpace(l)
		if t != "" && ((isBannerLine(t) && isBannerOnly(t)) || isCaveatOnly(t) || t == "NNNN" || t == "BT") {
			continue
		}
		clean = append(clean, strings.TrimRight(l, " "))
	}
	// trailing blank lines
	for len(clean) > 0 && strings.TrimSpace(clean[len(clean)-1]) == "" {
		clean = clean[:len(clean)-1]
	}
	var res bodyResult
	res.signature, clean = signature(clean)

	var (
		cur   graph.Paragraph // the paragraph being read (number 0: text before paragraph 1)
		parts = make([]string, 0, 16)
		last  int
	)
	emit := func() {
		cur.Text = squeezeJoin(parts)
		if cur.Text != "" || cur.Number > 0 {
			res.paragraphs = append(res.paragraphs, cur)
		}
		parts = parts[:0]
	}
	for i, l := range clean {
		t := strings.TrimSpace(l)
		if t != "" && t[0] >= '0' && t[0] <= '9' {
			m := findParaStart(t)
			if m == nil {
				goto text
			}
			n, _ := strconv.Atoi(m[1])
			if n == last+1 || (m[2] != "" && n > last && n <= last+5) {
				emit()
				cur = graph.Paragraph{Number: n, Marking: m[2]}
				parts = append(parts, m[3])
				last = n
				continue
			}
		}
	text:
		if isDashes(t) {
			continue
		}
		if i+1 < len(clean) && isDashes(strings.TrimSpace(clean[i+1])) && len(t) < 100 {
			continue // section heading
		}
		parts = append(parts, t)
	}
	emit()
	if res.signature != "" {
		res.signature = strings.TrimSpace(res.signature)
	}
	res.body = collapseBlank(clean)
	if res.signature != "" {
		res.body = strings.TrimRight(res.body, " \n") + "\n" + res.signature
	}
	// Every end marker holds "SUMMARY", "Summary" or "summary": without one
	// there is no summary, and the body need not be squeezed.
	if !strings.Contains(res.body, "UMMARY") && !strings.Contains(res.body, "ummary") {
		return res
	}
	if sum := summaryOf(res.body); sum != "" {
		res.summary = sum
		if res.summary != "" && !strings.HasSuffix(res.summary, ".") {
			res.summary += "."
		}
	}
	return res
}

func isBannerOnly(t string) bool {
	if sectionOf.MatchString(t) || len(t) < 70 {
		post, _ := bannerPostSerial(t)
		rest := bannerLine.ReplaceAllString(t, "")
		return post != "" || len(strings.Fields(rest)) <= 3
	}
	return false
}

// signature takes the signer off the end of the body: the last line when it
// is a short name after a finished sentence, or a capitalised name glued
// onto the last sentence ("... in the Caucasus. BURNS").
func signature(lines []string) (string, []string) {
	if len(lines) == 0 {
		return "", lines
	}
	lastIdx := len(lines) - 1
	last := strings.TrimSpace(lines[lastIdx])
	prev := "" // the line before: "" at the start, "\n" when blank
	if lastIdx > 0 {
		if prev = strings.TrimSpace(lines[lastIdx-1]); prev == "" {
			prev = "\n"
		}
	}
	if len(last) <= 40 && signatureRe.MatchString(last) && okSignature(last) && !strings.HasSuffix(last, ".") {
		if prev == "\n" || prev == "" || strings.ContainsAny(prev[len(prev)-1:], `.!?:)"'’”`) {
			return last, lines[:lastIdx]
		}
	}
	// A glued signature is at most four fields long (the end of the
	// sentence and three name words): only those are searched.
	off := lastFieldsFrom(last, 5)
	if m := gluedSig.FindStringSubmatchIndex(last[off:]); m != nil {
		name := last[off+m[2] : off+m[3]]
		if okSignature(name) && len(strings.Fields(last)) > 2 {
			lines = append(lines[:lastIdx:lastIdx], strings.TrimRight(last[:off+m[2]], " "))
			return name, lines
		}
	}
	return "", lines
}

func okSignature(s string) bool {
	for _, w := range strings.Fields(s) {
		u := strings.ToUpper(strings.Trim(w, ".,"))
		if notSigWords[u] || strings.Contains(u, "XXXX") {
			return false
		}
	}
	return true
}

func collapseBlank(lines []string) string {
	var b strings.Builder
	n := 0
	for _, l := range lines {
		n += len(l) + 1
	}
	b.Grow(n)
	blank := true
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			if !blank {
				b.WriteByte('\n')
			}
			blank = true
			continue
		}
		blank = false
		b.WriteString(l)
		b.WriteByte('\n')
	}
	return strings.TrimSpace(b.String())
}

// summaryPrefixBytes is how much of a body summaryOf squeezes first: summaries
// open the cable, so their end marker is nearly always in it.
const summaryPrefixBytes = 4096

// summaryOf is findSummary(squeeze(body)) without squeezing the whole body
// when the summary ends early. Cut at an ASCII separator, the squeezed head
// is a prefix of the squeezed body, and once the head holds an end marker
// with room for the longest marker after it, findSummary reads nothing
// beyond it: both give the same answer.
func summaryOf(body string) string {
	if len(body) > 2*summaryPrefixBytes {
		k := summaryPrefixBytes
		for k < len(body) && (body[k] >= utf8.RuneSelf || !asciiSpace[body[k]]) {
			k++
		}
		if k < len(body) {
			head := squeeze(body[:k])
			if e := firstSummaryEnd(head); e >= 0 && e+len(longestSummaryEnd) <= len(head) {
				return findSummary(head)
			}
		}
	}
	return findSummary(squeeze(body))
}
