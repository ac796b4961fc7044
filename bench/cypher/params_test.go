package main

import (
	"reflect"
	"testing"
)

func TestDecodeParamsKeepsWholeNumbersIntegers(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]any
	}{
		{`{"n": 3}`, map[string]any{"n": int64(3)}},
		{`{"x": 0.5}`, map[string]any{"x": 0.5}},
		{`{"l": [0, 1.5, "a"], "m": {"k": 10}}`, map[string]any{"l": []any{int64(0), 1.5, "a"}, "m": map[string]any{"k": int64(10)}}},
		{`{}`, map[string]any{}},
	} {
		got, err := decodeParams(tc.in)
		if err != nil {
			t.Fatalf("decodeParams(%s): %v", tc.in, err)
		}
		if !reflect.DeepEqual(got, tc.want) {
			t.Errorf("decodeParams(%s) = %#v, want %#v", tc.in, got, tc.want)
		}
	}
	if _, err := decodeParams(`[1]`); err == nil {
		t.Error("decodeParams accepted a list, want an error")
	}
}
