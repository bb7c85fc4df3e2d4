#!/usr/bin/env bash
# The framework's floor: builds bench/floor (the smallest yew + yew-router
# app) exactly as Trunk builds the app (release profile, wasm-bindgen
# --target web, wasm-opt -Oz with the same feature flags as index.html) and
# prints its transfer size, for comparison with first_load_brotli_bytes:
#
#   yew_floor_wasm_raw_bytes     the optimised .wasm
#   yew_floor_brotli_bytes       .wasm + JS glue, each brotli q11
#   yew_floor_gzip_bytes         same, gzip -9
#
# Shares target/ with the app (one build at a time on this machine).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
OUT=$ROOT/target/floor
rm -rf "$OUT" && mkdir -p "$OUT"
(cd bench/floor && CARGO_TARGET_DIR="$ROOT/target" cargo build -q --offline --release --target wasm32-unknown-unknown)
wasm-bindgen --target web --no-typescript --out-dir "$OUT" target/wasm32-unknown-unknown/release/tokhai-floor.wasm 2>/dev/null
# The flags of index.html's data-wasm-opt-params.
FLAGS=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)
PATH="$ROOT/node_modules/.bin:$PATH" wasm-opt -Oz $FLAGS "$OUT/tokhai-floor_bg.wasm" -o "$OUT/opt.wasm"
node -e '
const fs = require("fs"), z = require("zlib");
const [wasm, js] = process.argv.slice(1).map((f) => fs.readFileSync(f));
const br = (b) => z.brotliCompressSync(b, { params: { [z.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const gz = (b) => z.gzipSync(b, { level: 9 }).length;
console.log(`yew_floor_wasm_raw_bytes=${wasm.length}`);
console.log(`yew_floor_brotli_bytes=${br(wasm) + br(js)}`);
console.log(`yew_floor_gzip_bytes=${gz(wasm) + gz(js)}`);
' "$OUT/opt.wasm" "$OUT/tokhai-floor.js"
