# htsgd — Monte Carlo verification of the global dynamics of truncated
# heavy-tailed SGD. `make help` lists the targets.

GO          ?= go
GOBIN       ?= $(shell $(GO) env GOPATH)/bin
STATICCHECK ?= $(GOBIN)/staticcheck
STATICCHECK_VERSION ?= v0.8.2
BENCHSTAT   ?= $(GOBIN)/benchstat
BENCHSTAT_VERSION ?= v0.0.0-20260908200009-22c9c6c9d4da
VERIFY      := bin/verify

.PHONY: help build verify theory test test-short readme lint bench bench-compare fmt clean

help: ## list the targets
	@grep -E '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

# -buildvcs=auto records the git revision in the binary (verify version,
# go version -m bin/verify) and overrides a GOFLAGS=-buildvcs=false.
build: ## build the verify command into bin/ (with its git revision)
	$(GO) build -buildvcs=auto -o $(VERIFY) ./cmd/verify

verify: build ## the main job on the built-in default scenario (theory, first exits, then the verdicts of a short step-size ladder; ~35 s on 2 cores)
	$(VERIFY) theory
	$(VERIFY) exit
	$(VERIFY) converge -budget-steps 2e8 -exits 500

theory: build ## predictions of the theory for the default scenario
	$(VERIFY) theory

# cmd/verify runs a second time without the race detector: its slowest
# golden cases (R^d JSON/CSV variants of a text case) skip under the detector.
test: ## vet, all tests with the race detector, and cmd/verify's without it
	$(GO) vet ./...
	$(GO) test -race -count=1 -timeout 30m ./...
	$(GO) test -count=1 -timeout 30m ./cmd/verify/

test-short: ## tests without the race detector
	$(GO) test -count=1 ./...

readme: ## run every command of README.md in a fresh clone of the last commit (each under a minute)
	bash .ci/readme-commands.sh

lint: ## gofmt, go vet and staticcheck (installed on first use)
	@test -z "$$(gofmt -l .)" || { echo "gofmt needed on:"; gofmt -l .; exit 1; }
	$(GO) vet ./...
	@test -x $(STATICCHECK) || $(GO) install honnef.co/go/tools/cmd/staticcheck@$(STATICCHECK_VERSION)
	$(STATICCHECK) ./...

bench: ## benchmarks of the kernels and the theory (ns/step, allocations)
	$(GO) test -run '^$$' -bench . -benchmem -count 6 ./mc/ ./landscapes/ ./noise/ ./theory/ | tee bench.txt
	@test -x $(BENCHSTAT) || $(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)
	$(BENCHSTAT) bench.txt

bench-compare: ## the kernel spec in Go, C (-O3; vectorised) and numpy: ns/step and ratios (bench/)
	@test -x $(BENCHSTAT) || $(GO) install golang.org/x/perf/cmd/benchstat@$(BENCHSTAT_VERSION)
	GO=$(GO) BENCHSTAT=$(BENCHSTAT) sh bench/compare.sh

fmt: ## format the sources
	gofmt -w .

clean: ## remove built binaries and benchmark output
	rm -rf bin bench.txt

# The reproducible appendix (internal/appendix, cmd/appendix): simulate into
# results/, then render paper/appendix.md|tex and paper/figures/ from results/
# only. The quick variant runs the same pipeline with few samples into
# $(PAPER_QUICK) (ignored by git), so CI can keep it from rotting. The control
# experiment (verify control, docs/control.md) runs first into
# results/control/, which the render step reads.
PAPER_QUICK ?= bin/paper-quick

.PHONY: paper paper-quick

paper: ## the appendix: full run into results/ and paper/ (about 15 min on 2 free cores, plus about 6 min for the control experiment)
	mkdir -p results/control
	$(GO) run ./cmd/verify control -scenario scenarios/control/control.toml -out results/control > results/control/control.txt
	$(GO) run ./cmd/appendix all -sizes full -results results -out paper

paper-quick: ## the appendix pipeline with few samples into bin/paper-quick (under a minute)
	mkdir -p $(PAPER_QUICK)/results/control
	$(GO) run ./cmd/verify control -scenario scenarios/control/quick.toml -out $(PAPER_QUICK)/results/control > $(PAPER_QUICK)/results/control/control.txt
	$(GO) run ./cmd/appendix all -sizes quick -results $(PAPER_QUICK)/results -out $(PAPER_QUICK)/paper

# The ladders of `verify converge` rendered by the appendix section "the limit,
# verified" (results/converge/README.md lists them). They are long runs, so
# `make paper` only renders the committed files; this target reruns them with
# the exact settings of the committed files (step budgets, never wall-time
# ones, so that the same rungs run on any machine), then the slack study's
# occupation file. About 3 h on 2 shared cores.
CONVERGE    = nice -n 10 $(VERIFY) converge -workers 2
CR          = results/converge
SC          = scenarios/converge

.PHONY: converge-results

converge-results: build ## rerun the verify-converge ladders of results/converge (about 3 h; make paper renders them)
	$(CONVERGE) -scenario $(SC)/quadratic-j1.toml -max-rungs 4 -budget-steps 3e9 -out $(CR)/quadratic-j1.json
	$(CONVERGE) -scenario $(SC)/quadratic-j2.toml -tol 0.1 -max-rungs 3 -out $(CR)/quadratic-j2-tol0.1.json
	$(CONVERGE) -scenario $(SC)/quadratic-j3.toml -tol 0.1 -method is -budget-steps 1e11 -out $(CR)/quadratic-j3-tol0.1.json
	$(CONVERGE) -scenario $(SC)/quadratic2d-j1.toml -max-rungs 6 -theory-samples 400000 -out $(CR)/quadratic2d-j1.json
	$(CONVERGE) -scenario $(SC)/quadratic2d-j2.toml -tol 0.1 -max-rungs 3 -lambda-factor 0.7 -theory-samples 400000 -out $(CR)/quadratic2d-j2-tol0.1.json
	$(CONVERGE) -scenario $(SC)/paper-b0.5.toml -budget-steps 2e10 -out $(CR)/paper-b0.5.json
	$(CONVERGE) -scenario $(SC)/paper-b0.5-a1.5.toml -budget-steps 2.5e10 -out $(CR)/paper-b0.5-a1.5.json
	$(CONVERGE) -scenario $(SC)/paper-b0.28.toml -budget-steps 2e10 -out $(CR)/paper-b0.28.json
	for f in fig-j1-a1.5 fig-j1-a2 fig-j1-a3 fig-j2-a1.2 fig-j2-a1.8; do \
		$(CONVERGE) -scenario $(SC)/$$f.toml -exits 3000 -max-rungs 4 -budget-steps 3e9 -out $(CR)/figure/$$f.json || exit 1; done
	$(CONVERGE) -scenario $(SC)/quadratic-j3-c0.01.toml -tol 0.1 -method is -max-rungs 3 -budget-steps 1.5e9 -out $(CR)/figure/quadratic-j3-c0.01.json
	$(CONVERGE) -scenario $(SC)/quadratic-j3-a2.toml -tol 0.1 -method is -max-rungs 2 -out $(CR)/figure/quadratic-j3-a2.json
	for f in $(SC)/slack/*.toml; do \
		$(CONVERGE) -scenario $$f -etas 0.1,0.025 -exits 2000 -out $(CR)/slack/$$(basename $$f .toml).json || exit 1; done
	$(GO) run ./cmd/appendix converge-slack -results results
