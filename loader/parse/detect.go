package parse

import (
	"bytes"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/cablegraph/cablegraph/graph"
)

var (
	csvRowStart  = regexp.MustCompile(`^"\d+","\d{1,2}/\d{1,2}/\d{4} \d{1,2}:\d{2}","`)
	telegramHead = regexp.MustCompile(`(?m)^\s*(?:VZCZC|[ZOPR]{1,2}\s+\d{6}Z|FM\s+[A-Z]|UNCLAS|C\s?O\s?N\s?F\s?I\s?D\s?E\s?N\s?T\s?I\s?A\s?L|S\s?E\s?C\s?R\s?E\s?T|U\s?N\s?C\s?L\s?A\s?S\s?S\s?I\s?F\s?I\s?E\s?D)`)
)

// Detect guesses the format from the file name and its first bytes ("" when
// unknown). A ".gz" suffix is ignored: Open has already decompressed.
func Detect(name string, head []byte) string {
	name = strings.TrimSuffix(strings.ToLower(name), ".gz")
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimLeft(head, " \t\r\n")
	switch {
	case csvRowStart.Match(trimmed):
		return graph.FormatCSV
	case bytes.HasPrefix(trimmed, []byte("<code><pre>")), bytes.HasPrefix(trimmed, []byte("<pre>")),
		(bytes.Contains(head, []byte("<code><pre>")) || bytes.HasPrefix(trimmed, []byte("Appears in these articles:"))) && !bytes.Contains(head, []byte("<table class=")):
		return graph.FormatBody
	case bytes.Contains(head, []byte("<table class='cable'>")), bytes.Contains(head, []byte("<h3>Viewing cable")),
		bytes.HasPrefix(trimmed, []byte("<")) && (bytes.Contains(bytes.ToLower(head), []byte("<html")) || bytes.Contains(bytes.ToLower(head), []byte("<!doctype"))):
		return graph.FormatHTML
	case bytes.HasPrefix(trimmed, []byte("Identifier")) || bytes.Contains(head, []byte("\nCable title:")):
		return graph.FormatPage
	case filepath.Ext(name) == ".csv":
		return graph.FormatCSV
	case filepath.Ext(name) == ".html" || filepath.Ext(name) == ".htm":
		return graph.FormatHTML
	}
	if loc := telegramHead.FindIndex(head); loc != nil && loc[0] < 512 && isText(head) {
		return graph.FormatTelegram
	}
	if isText(head) && (bytes.Contains(head, []byte("TAGS")) || bytes.Contains(head, []byte("SUBJECT"))) {
		return graph.FormatBody
	}
	return ""
}

// isText reports whether b looks like text: no NUL bytes and few control characters.
func isText(b []byte) bool {
	if len(b) == 0 {
		return false
	}
	ctl := 0
	for _, c := range b {
		if c == 0 {
			return false
		}
		if c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f' {
			ctl++
		}
	}
	return ctl*20 < len(b)
}
