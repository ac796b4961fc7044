package storetest

import (
	"encoding/json"
	"errors"
	"fmt"
	"reflect"

	"github.com/cablegraph/cablegraph/graph"
)

// canonical turns an answer into plain JSON values with empty lists and
// nulls made equal, so that stores differing only in nil versus empty
// slices agree while any difference of content still shows.
func canonical(v any) any {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("unencodable: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		return fmt.Sprintf("undecodable: %v", err)
	}
	return squash(out)
}

func squash(v any) any {
	switch x := v.(type) {
	case []any:
		if len(x) == 0 {
			return nil
		}
		for i := range x {
			x[i] = squash(x[i])
		}
	case map[string]any:
		if len(x) == 0 {
			return nil
		}
		for k := range x {
			x[k] = squash(x[k])
		}
	}
	return v
}

// errClass names the contract class of an error, which is all two stores
// must agree on (messages differ).
func errClass(err error) string {
	switch {
	case err == nil:
		return "ok"
	case errors.Is(err, graph.ErrNotFound):
		return "ErrNotFound"
	case errors.Is(err, graph.ErrInvalid):
		return "ErrInvalid"
	default:
		return "error: " + err.Error()
	}
}

// same reports whether two answers agree, and a short diff when not.
func same(a, b any) (bool, string) {
	ca, cb := canonical(a), canonical(b)
	if reflect.DeepEqual(ca, cb) {
		return true, ""
	}
	ja, _ := json.Marshal(ca)
	jb, _ := json.Marshal(cb)
	return false, fmt.Sprintf("\n got: %.1500s\nwant: %.1500s", ja, jb)
}
