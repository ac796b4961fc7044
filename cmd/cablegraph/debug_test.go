package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
)

func TestStartDebugServesPprofApartFromTheAPI(t *testing.T) {
	ctx := context.Background()
	e := &env{stdout: io.Discard, stderr: io.Discard, log: slog.New(slog.DiscardHandler)}
	stop, err := startDebug(ctx, e, "")
	if err != nil {
		t.Fatalf("no address: %v", err)
	}
	stop()

	// A free port: listen, note it, close, hand it over.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	stop, err = startDebug(ctx, e, addr)
	if err != nil {
		t.Fatalf("startDebug(%s): %v", addr, err)
	}
	resp, err := http.Get("http://" + addr + "/debug/pprof/")
	if err != nil {
		t.Fatalf("GET /debug/pprof/: %v", err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "goroutine") {
		t.Errorf("GET /debug/pprof/ = %d, body without the profiles' index", resp.StatusCode)
	}
	if _, err := startDebug(ctx, e, addr); err == nil || !strings.Contains(err.Error(), "--debug-addr") {
		t.Errorf("second listener on %s: err = %v, want one naming --debug-addr", addr, err)
	}
	stop()
	if _, err := http.Get("http://" + addr + "/debug/pprof/"); err == nil {
		t.Errorf("still serving after stop")
	}
}
