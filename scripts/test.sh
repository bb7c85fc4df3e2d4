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
  cargo test -p tokhai-core -p tokhai-mock-idp
  portal
}

# A throwaway PostgreSQL cluster (Debian's postgresql, as the postgres user,
# under /tmp, on a free local port), stopped and removed when the script
# exits. Sets TEST_DATABASE_URL for the portal server's tests.
pg_dir=""
pg_stop() {
  if [ -n "$pg_dir" ] && [ -d "$pg_dir" ]; then
    runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
pg_start() {
  pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -x "$pg_bin/initdb" ] || { echo "PostgreSQL is not installed (scripts/setup.sh test installs it)"; exit 1; }
  pg_dir=$(mktemp -d /tmp/tokhai-pg.XXXXXX)
  chown postgres: "$pg_dir"
  trap pg_stop EXIT
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  runuser -u postgres -- "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $pg_dir -c max_connections=200 -c fsync=off" start >/dev/null
  export TEST_DATABASE_URL="postgres://postgres@127.0.0.1:$port/postgres"
  echo "PostgreSQL $("$pg_bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (throwaway, $pg_dir)"
}

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
