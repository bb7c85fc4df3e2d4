#!/usr/bin/env bash
# Installs what Tờ Khai needs, only when missing. Idempotent and quiet when done.
# Usage: scripts/setup.sh app     -> wasm target, trunk, wasm-bindgen-cli, npm (wasm-opt)
#        scripts/setup.sh test    -> the above + browsers (Chromium, Firefox, WebKitGTK), drivers, npm test packages,
#                                    PostgreSQL (the portal server's tests)
# Everything comes from the package registries (crates.io, Debian, npm, PyPI);
# nothing is downloaded from anywhere else.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
GECKODRIVER_VERSION=0.37.1

say() { printf '[setup] %s\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }
export PATH="$HOME/.cargo/bin:$PATH"

ensure_wasm_target() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    say "adding rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown >&2
  fi
}

ensure_lint_tools() {
  local have_c
  have_c=$(rustup component list --installed 2>/dev/null || true)
  for c in clippy rustfmt; do
    if ! grep -q "^$c" <<<"$have_c"; then say "adding rust component $c"; rustup component add "$c" >&2; fi
  done
}

ensure_trunk() {
  if ! have trunk || ! trunk --version 2>/dev/null | grep -q "$TRUNK_VERSION"; then
    say "installing trunk $TRUNK_VERSION (a few minutes, once)"
    cargo install trunk --version "$TRUNK_VERSION" --locked >&2
  fi
}

ensure_wasm_bindgen() {
  if ! have wasm-bindgen || ! wasm-bindgen --version 2>/dev/null | grep -q "$WASM_BINDGEN_VERSION"; then
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (a few minutes, once)"
    # not --locked: one locked dependency of this version is missing from the registry
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >&2
  fi
}

ensure_npm() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
     || [ ! -d node_modules/@axe-core/playwright ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    say "installing npm packages (binaryen for wasm-opt, playwright-core, axe)"
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund >&2; else npm install --no-audit --no-fund >&2; fi
  fi
}

apt_updated=0
apt_install() {
  local missing=()
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  if [ $apt_updated -eq 0 ]; then DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2; apt_updated=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

ensure_browsers() {
  # poppler-utils: pdftotext reads the printed declaration back (tests/e2e/print.test.mjs);
  # fonts-liberation2: Liberation Serif, metric-compatible with Times New Roman (NĐ 30/2020).
  apt_install chromium chromium-driver firefox-esr fonts-noto-core poppler-utils fonts-liberation2
  # (read whole before matching: `| grep -q` closes the pipe early, and under pipefail that reads as a mismatch)
  local gv=""
  have geckodriver && gv=$(geckodriver --version 2>/dev/null || true)
  if [[ "$gv" != *"$GECKODRIVER_VERSION"* ]]; then
    say "installing geckodriver $GECKODRIVER_VERSION from crates.io"
    cargo install geckodriver --version "$GECKODRIVER_VERSION" --locked >&2 \
      || cargo install geckodriver --version "$GECKODRIVER_VERSION" >&2
  fi
}

# WebKit (Safari's engine): Debian's WebKitGTK WebDriver and MiniBrowser (which
# libwebkit2gtk-4.1-0 ships), run under a virtual X display (tests/e2e/webkit.test.mjs).
ensure_webkit() {
  apt_install webkit2gtk-driver xvfb
}

# The portal server's tests run their suite on PostgreSQL too, in a throwaway
# cluster of Debian's postgresql (scripts/test.sh portal).
ensure_postgres() {
  apt_install postgresql
}

case "${1:-app}" in
  app)  ensure_wasm_target; ensure_trunk; ensure_wasm_bindgen; ensure_npm ;;
  test) ensure_wasm_target; ensure_lint_tools; ensure_browsers; ensure_webkit; ensure_postgres; ensure_trunk; ensure_wasm_bindgen; ensure_npm ;;
  *) echo "usage: $0 app|test" >&2; exit 2 ;;
esac
