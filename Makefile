# The project's verbs. `make test` is THE test command (CI runs it via .ci/run).
SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := test

NEO4J_PORT ?= 7687
export NEO4J_PORT
CABLEGRAPH_NEO4J_URI ?= bolt://127.0.0.1:$(NEO4J_PORT)

# staticcheck 2026.2.2; v0.8.x is the line that understands Go 1.26. Installed into .bin/, not $GOPATH/bin.
STATICCHECK_VERSION := v0.8.2
BIN_DIR := $(CURDIR)/.bin
STATICCHECK := $(BIN_DIR)/staticcheck-$(STATICCHECK_VERSION)

# Go files to format-check: everything except generated code and non-Go trees.
GO_FILES = $(shell find . \( -path ./.git -o -path ./graph/generated -o -name node_modules \
	-o -path ./tools/neo4j/target -o -path ./.neo4j -o -path ./.bin \) -prune -o -name '*.go' -print)

.PHONY: test lint fmt-check vet staticcheck neo4j-up neo4j-down neo4j-reset generate check-generated \
	go-test fuzz bench build explorer explorer-test bench-load bench-api neo4j-import

## test: lint, generated-code check, real Neo4j, all Go tests with -race, browser tests, short fuzzing
test: lint check-generated go-test explorer-test
	FUZZTIME=5s scripts/fuzz.sh

## explorer-test: the explorer page in headless Chromium against cablegraph serve (the example cable)
explorer-test:
	scripts/explorer-test.sh

## explorer: rebuild explorer/dist from explorer/src with npm (Cytoscape.js bundled by esbuild)
explorer:
	cd explorer && npm ci --no-audit --no-fund && npm run build

## go-test: go test -race against the running Neo4j; fails if no Neo4j-backed test ran
go-test: neo4j-up
	@mkdir -p .neo4j
	@echo "go test -race -count=1 -p 1 -timeout 30m -v ./... (CABLEGRAPH_NEO4J_URI=$(CABLEGRAPH_NEO4J_URI); full log .neo4j/last-test.log)"
	@rc=0; CABLEGRAPH_NEO4J_URI=$(CABLEGRAPH_NEO4J_URI) go test -race -count=1 -p 1 -timeout 30m -v ./... 2>&1 \
		| tee .neo4j/last-test.log \
		| awk '!/^=== (RUN|PAUSE|CONT|NAME)/ && !/^ *--- PASS/ { print; fflush() }' || rc=$$?; \
	n=$$(grep -cE '^ *--- (PASS|FAIL): [^ ]*Neo4j' .neo4j/last-test.log || true); \
	echo "Neo4j-backed tests run: $$n"; \
	if [ "$$rc" -ne 0 ]; then echo "go test failed (exit $$rc); full log .neo4j/last-test.log" >&2; exit "$$rc"; fi; \
	if [ "$$n" -eq 0 ]; then \
		echo "ERROR: no test whose name contains 'Neo4j' ran (all skipped or none exist); see .neo4j/last-test.log" >&2; \
		exit 1; \
	fi

## lint: gofmt check, go vet, staticcheck
lint: fmt-check vet staticcheck

fmt-check:
	@out=$$(gofmt -l $(GO_FILES)); \
	if [ -n "$$out" ]; then echo "gofmt needed on:"; echo "$$out"; exit 1; fi; \
	echo "gofmt: ok"

vet:
	go vet ./...

staticcheck: $(STATICCHECK)
	$(STATICCHECK) ./...

$(STATICCHECK):
	@mkdir -p $(BIN_DIR)
	@echo "installing staticcheck $(STATICCHECK_VERSION) into $(BIN_DIR)"
	tmp=$$(mktemp -d) && GOBIN=$$tmp go install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION) \
		&& mv $$tmp/staticcheck $@ && rmdir $$tmp

## neo4j-up / neo4j-down / neo4j-reset: the development and CI Neo4j (see docs/neo4j.md)
neo4j-up:
	scripts/neo4j-up.sh

neo4j-down:
	scripts/neo4j-down.sh

neo4j-reset: neo4j-down
	rm -rf .neo4j/data
	@echo "neo4j-reset: data wiped; run make neo4j-up to start with an empty database"

## neo4j-import: first load of IMPORT_PATHS into an EMPTY Neo4j via neo4j-admin import (REPLACES database neo4j)
IMPORT_PATHS ?= ../shared/data/cables/cablegate-html-fragments
neo4j-import:
	scripts/neo4j-import.sh $(IMPORT_PATHS)

## generate: run all go:generate directives (gqlgen)
generate:
	go generate ./...

## check-generated: generated code must be committed and up to date
check-generated: generate
	@git diff --exit-code HEAD -- graph/generated resolvers || \
		{ echo "ERROR: generated code is stale; run make generate and commit" >&2; exit 1; }
	@untracked=$$(git ls-files --others --exclude-standard -- graph/generated resolvers); \
	if [ -n "$$untracked" ]; then \
		echo "ERROR: untracked files after go generate (commit them):" >&2; echo "$$untracked" >&2; exit 1; \
	fi; \
	echo "check-generated: ok"

## fuzz: run every Fuzz* target for FUZZTIME (default 10s)
fuzz:
	scripts/fuzz.sh

## bench: all benchmarks, no tests
bench:
	go test -run '^$$' -bench . -benchmem ./...

## bench-load: load throughput into Neo4j (own instance on 7688) and the embedded store, 6,712 and 251,287 cables (BENCHMARKS.md)
bench-load:
	scripts/bench-load.sh

## bench-api: query latency/throughput, cablegraph (embedded, Neo4j) vs @neo4j/graphql on the same Neo4j (BENCHMARKS.md)
bench-api:
	scripts/bench-api.sh

## build: the cablegraph binary
build:
	go build -o bin/cablegraph ./cmd/cablegraph
