#!/usr/bin/env bash
# Trunk post_build hook (Trunk runs the hooks of one stage side by side, so
# the two steps that need each other are one hook):
#  1. the second bundle: the whole app (bin tokhai-more), for the addresses off
#     the filing path. Built like Trunk builds the first (same profile, same
#     target dir, wasm-bindgen, wasm-opt -Oz with index.html's parameters),
#     written as tokhai-more-<hash>.js / _bg.wasm, and named in every page's
#     start script (the __TK_MORE__ placeholder of Trunk.toml's pattern_script);
#  2. the prerendered pages (crates/prerender), from the final index.html.
set -euo pipefail
cd "${TRUNK_SOURCE_DIR:-.}"
stage="${TRUNK_STAGING_DIR:?run by trunk (TRUNK_STAGING_DIR)}"
profile="${TRUNK_PROFILE:-debug}"
target_dir="${CARGO_TARGET_DIR:-target}"

args=(build -q --target wasm32-unknown-unknown --bin tokhai-more)
[ "$profile" = release ] && args+=(--release)
cargo "${args[@]}"
wasm="$target_dir/wasm32-unknown-unknown/$profile/tokhai-more.wasm"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name tokhai-more "$wasm"
if [ "$profile" = release ]; then
  # The parameters of index.html's rust asset (data-wasm-opt-params), read from there.
  params=$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html | head -1)
  # shellcheck disable=SC2086
  wasm-opt -Oz $params "$tmp/tokhai-more_bg.wasm" -o "$tmp/opt.wasm"
  mv "$tmp/opt.wasm" "$tmp/tokhai-more_bg.wasm"
fi
hash=$(cat "$tmp/tokhai-more_bg.wasm" "$tmp/tokhai-more.js" | sha256sum | cut -c1-16)
name="tokhai-more-$hash"
cp "$tmp/tokhai-more.js" "$stage/$name.js"
cp "$tmp/tokhai-more_bg.wasm" "$stage/${name}_bg.wasm"
sed -i "s#__TK_MORE__#${TRUNK_PUBLIC_URL:-/}$name#g" "$stage/index.html"
grep -q "__TK_MORE__" "$stage/index.html" && { echo "post-build: __TK_MORE__ left in index.html" >&2; exit 1; }
echo "post-build: $name (.js, _bg.wasm)" >&2

# The portal: the embedded one unless TOKHAI_PORTAL_URL names a portal server.
# Written into index.html before the prerender, so every page carries it.
if [ -n "${TOKHAI_PORTAL_URL:-}" ]; then
  if ! [[ "$TOKHAI_PORTAL_URL" =~ ^https?://[A-Za-z0-9.:_/-]+$ ]]; then
    echo "post-build: TOKHAI_PORTAL_URL must be an http(s) address, e.g. http://127.0.0.1:8090" >&2
    exit 1
  fi
  # After the charset (Trunk's minifier drops <head> and the quotes).
  sed -i -E "0,/<meta charset=\"?utf-8\"?>/I s##&<meta name=\"tokhai-portal\" content=\"${TOKHAI_PORTAL_URL%/}\">#" "$stage/index.html"
  grep -q 'name="tokhai-portal"' "$stage/index.html" || { echo "post-build: no <meta charset> to write the portal after" >&2; exit 1; }
  echo "post-build: portal server ${TOKHAI_PORTAL_URL%/}" >&2
fi

cargo run -q -p tokhai-prerender
