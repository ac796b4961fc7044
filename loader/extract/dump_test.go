package extract

import (
	"encoding/json"
	"os"
	"testing"
)

// TestDump prints the extraction of the file named by EXTRACT_DUMP; a
// development aid that is skipped unless asked for.
func TestDump(t *testing.T) {
	path := os.Getenv("EXTRACT_DUMP")
	if path == "" {
		t.Skip("set EXTRACT_DUMP=path to print one cable's extraction")
	}
	c := parseFile(t, path)
	newTestExtractor(t).Extract(c)
	b, _ := json.MarshalIndent(struct {
		P, C, O, I any
	}{c.Persons, c.Countries, c.Organizations, c.Interactions}, "", " ")
	t.Log(string(b))
}
