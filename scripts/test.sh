#!/usr/bin/env bash
# Runs the test layers. `scripts/test.sh all` (what `make test` and CI run) or
# one of: native, wasm (both browsers), chromium, firefox, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
layer="${1:-all}"

bash scripts/setup.sh test

step() { printf '\n==> %s\n' "$*"; }

native() {
  step "native: core unit, table and property tests; every form in forms/ loads and lints"
  cargo test -p tokhai-core
}

wasm_in() { # $1 = chromium | firefox
  local -a env
  if [ "$1" = chromium ]; then env=(CHROMEDRIVER=/usr/bin/chromedriver)
  else env=(GECKODRIVER="$(command -v geckodriver)" MOZ_HEADLESS=1); fi
  step "wasm-bindgen-test in headless $1"
  env "${env[@]}" WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test -p tokhai --target wasm32-unknown-unknown --lib --test '*'
}

e2e() {
  step "release build (trunk, wasm-opt -Oz)"
  trunk build --release --offline
  step "node: forms against the JSON Schema; Playwright + axe end to end at 360x740"
  node --test --test-concurrency=1 tests/schema/ tests/e2e/
}

case "$layer" in
  all) native; wasm_in chromium; wasm_in firefox; e2e ;;
  native) native ;;
  wasm) wasm_in chromium; wasm_in firefox ;;
  chromium|firefox) wasm_in "$layer" ;;
  e2e) e2e ;;
  *) echo "usage: $0 all|native|wasm|chromium|firefox|e2e" >&2; exit 2 ;;
esac
