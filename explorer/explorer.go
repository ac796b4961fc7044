// Package explorer serves the explorer page: a graph view where an
// investigator types a name or a topic, sees who is connected to whom and
// follows an edge to the sentences that prove it.
//
// The built assets (dist/) are embedded so that `cablegraph serve` needs no
// build step and no Node.js; `make explorer` rebuilds them from src/ with
// npm (Cytoscape.js bundled by esbuild).
package explorer

import (
	"embed"
	"io/fs"
	"net/http"
)

//go:embed dist
var dist embed.FS

// Handler serves the explorer's files; mount it at /explore/.
func Handler() http.Handler {
	sub, err := fs.Sub(dist, "dist")
	if err != nil { // cannot happen: dist is embedded at build time
		panic(err)
	}
	return http.StripPrefix("/explore/", http.FileServerFS(sub))
}
