package extract

import (
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

func TestZZSlow(t *testing.T) {
	e := newTestExtractor(t)
	for _, unit := range []string{"us we ", "Ambassador of the for of the , ,", "A. ", "Lavrov told Jeremic ", "John Smith and Bob Jones, ", "Mr. X. ", "X", "é", "GOR ", "- ", "Smith, Minister ", "SMITH, John DOB ", "a.b.c.d.", "'s ", "Lavrov Lavrov ", "Tom "} {
		body := strings.Repeat(unit, 200000/len(unit))
		created := time.Now()
		c := &graph.Cable{Body: body, Paragraphs: []graph.Paragraph{{Number: 1, Text: body}}, Origin: "Embassy Moscow", Created: &created}
		st := time.Now()
		e.Extract(c)
		t.Logf("%-30q %v persons=%d inter=%d", unit, time.Since(st), len(c.Persons), len(c.Interactions))
	}
}
