// Package examples ships the example cable the project was created from, so
// that `cablegraph serve` answers a first question with no data to fetch and
// no database to start.
package examples

import _ "embed"

// Moscow235Name is the file name of the example cable.
const Moscow235Name = "08MOSCOW235.txt"

// Moscow235 is the rendered page text of cable 08MOSCOW235 ("RUSSIA
// CONTINUES TO RESIST KOSOVO CDI"), from the public Cablegate release.
//
//go:embed 08MOSCOW235.txt
var Moscow235 []byte
