package neo4jstore

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cablegraph/cablegraph/graph"
)

// TestOpenErrorsSayWhatToDo needs no database: nothing listens on port 1.
func TestOpenErrorsSayWhatToDo(t *testing.T) {
	tests := []struct {
		name     string
		cfg      Config
		want     error
		contains []string
	}{
		{"no URI", Config{}, graph.ErrInvalid, []string{"no URI"}},
		{"bad scheme", Config{URI: "http://127.0.0.1:1"}, nil, []string{"bad URI"}},
		{"unreachable", Config{URI: "bolt://127.0.0.1:1", QueryTimeout: 3 * time.Second}, ErrUnreachable,
			[]string{"bolt://127.0.0.1:1", "make neo4j-up"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(context.Background(), tt.cfg)
			if err == nil {
				_ = s.Close(context.Background())
				t.Fatal("Open succeeded")
			}
			if tt.want != nil && !errors.Is(err, tt.want) {
				t.Errorf("err = %v, want %v", err, tt.want)
			}
			for _, c := range tt.contains {
				if !strings.Contains(err.Error(), c) {
					t.Errorf("err %q does not mention %q", err, c)
				}
			}
			if strings.Contains(err.Error(), "goroutine") {
				t.Errorf("err carries a stack trace: %v", err)
			}
		})
	}
}
