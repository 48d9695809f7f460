# clientbook — the commands a newcomer and CI run.
GO        ?= go
BIN       := bin/clientbook
TODAY     ?=
BOOK      ?= examples/agency
FUZZTIME  ?= 20s

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

fuzz:
	$(GO) test ./pkg/book -run '^$$' -fuzz FuzzLoadFile -fuzztime $(FUZZTIME)

clean:
	rm -rf bin
