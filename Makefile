# clientbook — the commands a newcomer and CI run.
GO        ?= go
BIN       := bin/clientbook
TODAY     ?=
BOOK      ?= examples/agency
FUZZTIME  ?= 20s
FUZZPKGS  ?= ./...

.PHONY: build run test lint bench fuzz clean

build:
	$(GO) build -o $(BIN) ./cmd/clientbook

# The main job on the example book: its portfolio.
run: build
	./$(BIN) portfolio --book $(BOOK) $(if $(TODAY),--today $(TODAY))

test:
	$(GO) vet ./...
	@test -z "$$(gofmt -l cmd pkg)" || { echo "gofmt needed:"; gofmt -l cmd pkg; exit 1; }
	$(GO) test ./...

lint:
	$(GO) vet ./...
	@test -z "$$(gofmt -l cmd pkg)" || { gofmt -l cmd pkg; exit 1; }

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

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
