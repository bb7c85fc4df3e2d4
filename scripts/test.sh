#!/usr/bin/env bash
# Runs the test layers. `scripts/test.sh all` (what `make test` and CI run) or
# one of: lint, native, portal, wasm (both browsers), chromium, firefox, e2e.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
layer="${1:-all}"

bash scripts/setup.sh test

step() { printf '\n==> %s\n' "$*"; }

# The wasm tests (and clippy over them) embed target/forms,
# target/forms-test/all.json and target/sources, written from forms/ and seeds/.
build_forms() {
  cargo run -q -p tokhai-core --bin build-forms
  cargo run -q -p tokhai-mock-idp --bin sign-sources # the data sources' signed records (target/sources)
}

lint() {
  step "format and lints: cargo fmt --check, clippy -D warnings (native crates, and the app for wasm)"
  cargo fmt --all --check
  build_forms
  cargo clippy -q -p tokhai-core -p tokhai-mock-idp -p tokhai-prerender -p tokhai-portal-server --all-targets -- -D warnings
  cargo clippy -q -p tokhai --target wasm32-unknown-unknown --all-targets -- -D warnings
  echo "ok: formatted, no clippy warnings"
}

native() {
  step "native: core unit, table and property tests; every form in forms/ loads and lints; seeds and the mock issuer"
  cargo test -p tokhai-core -p tokhai-mock-idp -p tokhai-prerender
  portal
}

# A throwaway PostgreSQL cluster (pg_start / pg_stop): scripts/pg.sh.
# shellcheck source=scripts/pg.sh
source scripts/pg.sh

portal() {
  step "portal server: real HTTP on 127.0.0.1, the suite on SQLite and on PostgreSQL"
  pg_start
  PORTAL_TEST_REQUIRE_POSTGRES=1 cargo test -p tokhai-portal-server
  pg_stop
}

wasm_in() { # $1 = chromium | firefox
  local -a env
  if [ "$1" = chromium ]; then env=(CHROMEDRIVER=/usr/bin/chromedriver)
  else env=(GECKODRIVER="$(command -v geckodriver)" MOZ_HEADLESS=1); fi
  step "wasm-bindgen-test in headless $1"
  build_forms
  env "${env[@]}" WASM_BINDGEN_TEST_TIMEOUT=120 \
    cargo test -p tokhai --target wasm32-unknown-unknown --lib --test '*'
}

no_private_key() {
  step "a build without the mock-idp feature contains no private key"
  local d
  d=$(node -e 'process.stdout.write(require("./seeds/mock-issuer/private.jwk.json").d)')
  grep -q -- "$d" dist/*.wasm || { echo "the default build should hold the mock key (check is broken)"; exit 1; }
  # Both bundles: the filing path (tokhai) and the whole app (tokhai-more).
  local built=(target/wasm32-unknown-unknown/release/tokhai.wasm target/wasm32-unknown-unknown/release/tokhai-more.wasm)
  cargo build -q --release --target wasm32-unknown-unknown --no-default-features --bin tokhai --bin tokhai-more
  if grep -q -- "$d" "${built[@]}"; then
    echo "FAIL: the private key is in a build without mock-idp"; exit 1
  fi
  # Nor the simulated agencies' signing keys (results are issued by the real portal then).
  for jwk in seeds/ca/agencies/*.jwk.json; do
    d=$(node -e 'process.stdout.write(require("./'"$jwk"'").d)')
    grep -q -- "$d" dist/*.wasm || { echo "the default build should hold $jwk (check is broken)"; exit 1; }
    if grep -q -- "$d" "${built[@]}"; then
      echo "FAIL: $jwk is in a build without mock-idp"; exit 1
    fi
  done
  echo "ok: no private key without mock-idp"
}

e2e() {
  step "release build (trunk, wasm-opt -Oz)"
  trunk build --release --offline
  no_private_key
  # The portal server the app is tested against (portal-server.test.mjs); built by the native layer already.
  cargo build -q -p tokhai-portal-server --bin tokhai-portal
  step "node: forms against the JSON Schema; Playwright + axe end to end at 360x740; Firefox and WebKit over WebDriver"
  node --test --test-concurrency=1 tests/schema/ tests/e2e/
}

case "$layer" in
  all) lint; native; wasm_in chromium; wasm_in firefox; e2e ;;
  lint) lint ;;
  native) native ;; # includes portal
  portal) portal ;;
  wasm) wasm_in chromium; wasm_in firefox ;;
  chromium|firefox) wasm_in "$layer" ;;
  e2e) e2e ;;
  *) echo "usage: $0 all|lint|native|portal|wasm|chromium|firefox|e2e" >&2; exit 2 ;;
esac
