# clientbook — the commands a newcomer and CI run.
GO        ?= go
BIN       := bin/clientbook
TODAY     ?=
BOOK      ?= examples/agency
FUZZTIME  ?= 20s
FUZZPKGS  ?= ./...

.PHONY: build run test lint update-goldens bench bench-books bookgen fuzz clean

build:
	$(GO) build -o $(BIN) ./cmd/clientbook

# The main job on the example book: its portfolio.
run: build
	./$(BIN) portfolio --book $(BOOK) $(if $(TODAY),--today $(TODAY))

# staticcheck is pinned in go.mod (a `tool` line), so `go tool` builds the
# same version everywhere from the module proxy.
test: lint
	$(GO) test ./...

# vet for macOS and Windows too: the file-system code differs by platform
# (pkg/internal/fsafe), and a user's laptop is often a Mac.
lint:
	$(GO) vet ./...
	GOOS=darwin $(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	@test -z "$$(gofmt -l cmd pkg)" || { echo "gofmt needed:"; gofmt -l cmd pkg; exit 1; }
	$(GO) tool staticcheck ./...

# Rewrite every golden file and script section from the current output;
# review the diff before committing it.
update-goldens:
	CLIENTBOOK_UPDATE=1 $(GO) test ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

# Wall time and peak RSS of portfolio, check and due on generated books of
# each size, against reading the same files (find | xargs cat) as the floor;
# then, on books of BENCH_HISTORY clients in a repository of two commits,
# check --at and diff, cold and a second time, against a cold check.
# Books are kept under BENCH_DIR and reused for the same size and seed.
BENCH_SIZES ?= 1000,10000,100000
BENCH_HISTORY ?= 2000,10000
BENCH_SEED  ?= 1
BENCH_DIR   ?= $(or $(TMPDIR),/tmp)/clientbook-bench
bench-books:
	$(GO) run ./cmd/benchbooks -sizes $(BENCH_SIZES) -history $(BENCH_HISTORY) -seed $(BENCH_SEED) -dir $(BENCH_DIR)

# The book generator: bin/bookgen -n N -seed S -out DIR.
bookgen:
	$(GO) build -o bin/bookgen ./cmd/bookgen

# Every fuzz target of every package in FUZZPKGS, one after another, each
# for FUZZTIME (go test -fuzz takes one target at a time). Crashers land in
# the package's testdata/fuzz/ and become regression cases of go test.
fuzz:
	@set -e; for pkg in $$($(GO) list $(FUZZPKGS)); do \
		for target in $$($(GO) test -list '^Fuzz' $$pkg | grep '^Fuzz' || true); do \
			echo "== $$pkg $$target"; \
			$(GO) test $$pkg -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME); \
		done; \
	done

clean:
	rm -rf bin
