# webstack: see README.md. The two commands that matter: `make synth`, `make test`.
SHELL := bash
GO    ?= go
ENV   ?= local

# Node 20 is past end of life; jsii prints a banner on every start. The app
# and cmd/webstack quiet it themselves (internal/jsiirt); test binaries have no
# main, so the variable is set here for them.
export JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION ?= 20
export CHECKPOINT_DISABLE := 1

# node_modules (the cdktf CLI) ships a stray Go package; keep it out of ./...
PKGS = $(shell $(GO) list ./... | grep -v /node_modules/)
# The longest test binaries (the emulator end-to-end tests, the fault tests
# of make deploy, the README test in the root package) go first, so they are
# not queued behind short ones.
MODULE = $(shell $(GO) list -m)
SLOW   = $(MODULE)/e2e $(MODULE)/cmd/webstack $(MODULE)

.PHONY: synth test unit vet snapshots rules deploy destroy hcl emulator emulator-stop review bench fuzz clean

## synth: every environments/*.json into cdktf.out/stacks/<name>/cdk.tf.json
synth:
	$(GO) run .

## test: formatting, vet, unit + snapshot tests, Terraform validate and the emulator end-to-end tests
# Four test binaries at once, four tests in each: six tests per binary left
# under 3 GiB of 24 GiB free and finished no sooner (the run is CPU-bound).
test: vet
	$(GO) test -count=1 -timeout 60m -p 4 -parallel 4 $(SLOW) $(filter-out $(SLOW),$(PKGS))

## unit: the fast tests only (no Terraform, no emulator)
unit: vet
	$(GO) test -count=1 -short $(PKGS)

vet:
	@unformatted=$$(gofmt -l $$(find . -name '*.go' -not -path './node_modules/*')); \
	  if [ -n "$$unformatted" ]; then echo "gofmt needed: $$unformatted"; exit 1; fi
	$(GO) vet $(PKGS)

## snapshots: rewrite __snapshots__/ (and make review's own goldens) from the
## current code; review the diff before committing
snapshots:
	$(GO) test -count=1 ./stacks -run '^TestSnapshots$$' -update
	$(GO) test -count=1 ./internal/reviewer -run '^TestReviewGolden$$' -update

## deploy: synthesize and apply ENV (default local; an emulator target starts moto_server), print outputs;
##   adopts what an interrupted or killed deploy created but did not save in the state
deploy:
	$(GO) run ./cmd/webstack deploy -env $(ENV)

## destroy: destroy ENV (and stop the emulator deploy started)
destroy:
	$(GO) run ./cmd/webstack destroy -env $(ENV)

## hcl: every stack as plain Terraform in hcl/<stack>/main.tf (the way out of CDKTF)
hcl:
	$(GO) run ./cmd/webstack hcl -out hcl

## emulator: start (or reuse) a local AWS emulator for the cdktf CLI and print the
## settings to export; use it as: eval "$$(make -s emulator)"
emulator:
	@$(GO) run ./cmd/webstack emulator

## emulator-stop: stop the emulator `make emulator` started
emulator-stop:
	@$(GO) run ./cmd/webstack emulator-stop

## rules: the security policy's rule table
rules:
	@$(GO) run ./cmd/webstack rules

## fuzz: explore the environment-file loader for FUZZTIME (default 60s); a failing
## input is saved under stacks/testdata/fuzz/ and then runs with every test
FUZZTIME ?= 60s
fuzz:
	$(GO) test ./stacks -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -parallel 2

## bench: synth against the floor (a minimal app with the same providers: internal/bench/floor),
##   with 1, 4 and 16 environments, and make unit: medians, ratios, peak memory, the targets
##   (docs/performance.md); it fails when a target is missed. The in-process benchmarks:
##   go test -run '^$$' -bench . ./stacks ./stacks/synth
bench:
	$(GO) run ./internal/bench

clean:
	rm -rf cdktf.out

## review: what the working tree changes in every variant, compared with BASE's
## goldens (default: the merge base with main). PLAN=1 adds Terraform's real
## plan against a local emulator; FORMAT=markdown writes a pull-request comment;
## FAIL_ON=replace,policy,... exits non-zero on those; VARIANTS=dev,prod narrows it.
review:
	@$(GO) run ./cmd/webstack review
