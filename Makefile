# The project's verbs. `make run` and `make test` install what is missing first.
SHELL := /bin/bash
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)

.PHONY: run test test-lint test-native test-portal test-wasm test-chromium test-firefox test-e2e build bench bench-light bench-portal units coverage token portal

## Serve the app on http://127.0.0.1:8080 (installs the toolchain when missing).
run:
	@bash scripts/setup.sh app
	TOKHAI_PORTAL_URL=$(PORTAL) trunk serve --offline --address 127.0.0.1 --port 8080

## Every test layer: native core, wasm in Chromium and Firefox, Playwright + axe.
test:
	@bash scripts/test.sh all

test-lint:
	@bash scripts/test.sh lint
test-native:
	@bash scripts/test.sh native
test-portal:
	@bash scripts/test.sh portal
test-wasm:
	@bash scripts/test.sh wasm
test-chromium:
	@bash scripts/test.sh chromium
test-firefox:
	@bash scripts/test.sh firefox
test-e2e:
	@bash scripts/test.sh e2e

## The portal server on http://127.0.0.1:8090 (SQLite file portal.db; see docs/portal-server.md for the environment).
## With `make run PORTAL=http://127.0.0.1:8090` the app speaks to it; the console's key is PORTAL_OFFICER_KEY.
portal:
	PORTAL_ALLOWED_ORIGIN=$${PORTAL_ALLOWED_ORIGIN:-http://127.0.0.1:8080} \
	PORTAL_OFFICER_KEY=$${PORTAL_OFFICER_KEY:-can-bo-mo-phong-2026} \
	cargo run --release -p tokhai-portal-server --bin tokhai-portal

## Release build into dist/ (wasm-opt -Oz).
build:
	@bash scripts/setup.sh app
	trunk build --release --offline

## Sizes and timings (not tests): prints name=value lines.
bench: build
	@bash scripts/setup.sh test
	@bash bench/run.sh

## Experiment: what a bundle hydrating a form's first section alone would weigh (bench/light.sh).
bench-light: build
	@bash scripts/setup.sh test
	@bash bench/light.sh

## The portal server under load (not a test): submissions/s and p95 at 50 clients, SQLite and PostgreSQL.
bench-portal:
	@bash scripts/setup.sh test
	@bash bench/portal.sh

## Regenerate assets/units from the PyPI package vietnam-provinces==2025.10.1.
units:
	python3 -m venv .venv-units
	.venv-units/bin/pip install -q vietnam-provinces==2025.10.1
	.venv-units/bin/python scripts/gen_units.py

## Prefill coverage per form, before/after the other national databases, for the typical seed citizen and a business representative.
coverage:
	@TYPED=$(TYPED) cargo run -q -p tokhai-core --bin coverage

## Mint a mock VNeID token for a seed citizen: make token CITIZEN=nguyen-van-an EXP=2h
token:
	@cargo run -q -p tokhai-mock-idp --bin mint-token -- seeds/citizens/$(or $(CITIZEN),nguyen-van-an).json --exp $(or $(EXP),1h)
