#!/usr/bin/env bash
# Experiment, not a product: what a third, light bundle would weigh if it
# hydrated a form's first section alone (no header, footer, sign-in, drafts,
# portal or assisted session; the rest of the filing path left to the filing
# bundle). Applies bench/experiments/*.patch to a scratch worktree of HEAD,
# builds each stage exactly as Trunk builds the app (release profile,
# wasm-bindgen --target web, wasm-opt -Oz with index.html's flags) and prints
# brotli q11 sizes beside the filing bundle's and the byte budget of #12:
#
#   light_first_section_wasm_brotli_bytes  the first section page (SectionPage) alone
#   light_first_section_js_brotli_bytes    its JS glue
#   light_bare_section_wasm_brotli_bytes   the same without the hospital certificate
#                                          offer, record pickers, source notes and
#                                          save status (fields, validation, Continue)
#   filing_wasm_brotli_bytes               today's filing bundle, for comparison
#
# Builds in target/light-build, not in target/: cargo names a workspace's
# artifacts the same in every checkout of it, so a patched worktree building
# into the app's target dir would replace the app's own (one build at a time
# on this machine all the same). The patches are written against the tree
# they were made on; if HEAD moved too far, `git apply` says where.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
SCRATCH=$(mktemp -d)
TREE=$SCRATCH/tree
OUT=$ROOT/target/light
cleanup() { git -C "$ROOT" worktree remove --force "$TREE" 2>/dev/null || true; rm -rf "$SCRATCH"; }
trap cleanup EXIT
git worktree add -q --detach "$TREE" HEAD
rm -rf "$OUT" && mkdir -p "$OUT"
FLAGS=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
br() { node -e '
const z = require("zlib");
const b = require("fs").readFileSync(process.argv[1]);
console.log(z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length);
' "$1"; }

stage() { # name: builds the worktree's tokhai-first into $OUT/name
  (cd "$TREE" && CARGO_TARGET_DIR="$ROOT/target/light-build" cargo build -q --offline --release \
    --target wasm32-unknown-unknown --bin tokhai-first 2>/dev/null)
  wasm-bindgen --target web --no-typescript --out-dir "$OUT/$1" --out-name first \
    "$ROOT/target/light-build/wasm32-unknown-unknown/release/tokhai-first.wasm" 2>/dev/null
  PATH="$ROOT/node_modules/.bin:$PATH" wasm-opt -Oz $FLAGS "$OUT/$1/first_bg.wasm" -o "$OUT/$1/opt.wasm"
}

(cd "$TREE" && git apply "$ROOT/bench/experiments/first-section-bundle.patch")
stage first
echo "light_first_section_wasm_brotli_bytes=$(br "$OUT/first/opt.wasm")"
echo "light_first_section_js_brotli_bytes=$(br "$OUT/first/first.js")"
(cd "$TREE" && git apply "$ROOT/bench/experiments/first-section-bare.patch")
stage bare
echo "light_bare_section_wasm_brotli_bytes=$(br "$OUT/bare/opt.wasm")"
filing=$(grep -o 'data-wasm=[^ >]*' dist/index.html 2>/dev/null | head -1 | sed 's/^data-wasm=//; s/"//g')
if [ -n "$filing" ] && [ -f "dist/${filing#/}" ]; then
  echo "filing_wasm_brotli_bytes=$(br "dist/${filing#/}")"
fi
echo "budget_first_load_brotli_bytes=173000"
