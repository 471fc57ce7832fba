# dbcd: build, test and lint. `make test` is what CI runs (.ci/run).

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO ?= go
PKGS ?= ./...
# Packages that run goroutines: `make test` runs their tests again with the
# race detector. Add yours here.
RACE_PKGS ?= ./internal/review/ ./internal/report/... ./internal/pgtest/... ./internal/source/... ./internal/bitbucket/... ./internal/apply/... ./internal/dbconn/... ./internal/plan/...
# Extra flags for go test, e.g. TESTFLAGS=-count=1 to bypass the test cache.
TESTFLAGS ?=
BENCHFLAGS ?= -benchtime=1s
FUZZTIME ?= 10s

GOLANGCI_LINT_VERSION ?= v2.15.0
GOBIN ?= $(shell $(GO) env GOPATH)/bin
GOLANGCI_LINT ?= $(shell command -v golangci-lint 2>/dev/null || echo $(GOBIN)/golangci-lint)

BUILDINFO := github.com/dbcd/dbcd/internal/buildinfo
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS := -X $(BUILDINFO).Version=$(VERSION) -X $(BUILDINFO).Commit=$(COMMIT)

# bin/dbcd-static (make static, the Dockerfile): cgo for pg_query's C parser,
# linked statically; netgo and osusergo keep DNS and user lookups in Go, so the
# binary needs no libc at run time and runs on any Linux image.
STATIC_TAGS ?= netgo,osusergo
STATIC_LDFLAGS = $(LDFLAGS) -s -w -linkmode external -extldflags "-static"

# Go files that gofmt must accept; testdata holds inputs, not code.
GOFILES = $(shell find . -name '*.go' -not -path './.git/*' -not -path '*/testdata/*' -not -path './bin/*')

.PHONY: build static docs test fmt-check vet postgres unit race bench fuzz fmt lint tools clean help

build: ## build bin/dbcd with version and commit stamped in
	$(GO) build -trimpath -ldflags '$(LDFLAGS)' -o bin/dbcd ./cmd/dbcd

static: ## build bin/dbcd-static, a static binary for any Linux image; check it is static and runs
	CGO_ENABLED=1 $(GO) build -trimpath -tags $(STATIC_TAGS) -ldflags '$(STATIC_LDFLAGS)' -o bin/dbcd-static ./cmd/dbcd
	@if ! command -v readelf >/dev/null; then echo "static: readelf (binutils) is needed to check the binary"; exit 1; fi
	@if readelf -lW bin/dbcd-static | grep -Eq 'INTERP|DYNAMIC'; then \
		echo "static: bin/dbcd-static is dynamically linked:"; readelf -dW bin/dbcd-static | grep NEEDED || true; exit 1; \
	fi
	bin/dbcd-static version

docs: ## regenerate README.md's configuration reference, rule catalog and exit codes from the code
	$(GO) test ./cmd/dbcd -run '^TestREADMEGenerated$$' -count=1 -update

test: fmt-check vet postgres unit race ## gofmt check, go vet, go test, go test -race on RACE_PKGS

fmt-check: ## fail listing the files gofmt would change
	@files="$$(gofmt -l $(GOFILES))"; \
	if [ -n "$$files" ]; then echo "gofmt: these files need formatting (make fmt):"; echo "$$files"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

postgres: ## make sure the PostgreSQL server binaries for the test harness exist
	.ci/ensure-postgres

unit:
	$(GO) test $(TESTFLAGS) $(PKGS)

race:
	$(GO) test -race $(TESTFLAGS) $(RACE_PKGS)

bench: postgres ## run every benchmark once and print the figures
	$(GO) test -run '^$$' -bench . -benchmem $(BENCHFLAGS) $(PKGS)

fuzz: ## run every Fuzz target for FUZZTIME (default 10s)
	@for dir in $$(grep -rl --include='*_test.go' --exclude-dir=testdata --exclude-dir=.git '^func Fuzz' . | xargs -r -n1 dirname | sort -u); do \
		for target in $$(grep -ho '^func Fuzz[A-Za-z0-9_]*' $$dir/*_test.go | sed 's/^func //'); do \
			echo "== $$dir $$target"; \
			$(GO) test -run '^$$' -fuzz "^$$target\$$" -fuzztime $(FUZZTIME) $$dir; \
		done; \
	done

fmt: ## gofmt -w every Go file
	gofmt -w $(GOFILES)

lint: ## golangci-lint (installed on first use), else go vet plus staticcheck if present
	@if [ -x "$(GOLANGCI_LINT)" ] || $(MAKE) --no-print-directory tools; then \
		"$(GOLANGCI_LINT)" run $(PKGS); \
	else \
		echo "lint: golangci-lint unavailable; running go vet and, if installed, staticcheck only"; \
		$(GO) vet $(PKGS); \
		if command -v staticcheck >/dev/null; then staticcheck $(PKGS); else echo "lint: staticcheck not installed either"; fi; \
	fi

tools: ## install golangci-lint $(GOLANGCI_LINT_VERSION) into GOBIN
	GOBIN=$(GOBIN) $(GO) install github.com/golangci/golangci-lint/v2/cmd/golangci-lint@$(GOLANGCI_LINT_VERSION)

.PHONY: demo
demo: build postgres ## the whole workflow on the employee sample: throwaway PostgreSQL, git repo, fake Bitbucket API
	$(GO) build -o bin/dbcd-demo ./cmd/dbcd-demo
	bin/dbcd-demo -dbcd bin/dbcd

clean:
	rm -rf bin

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'
