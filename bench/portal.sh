#!/usr/bin/env bash
# `make bench-portal` (not a test): the portal server's throughput and latency
# for submissions at 50 concurrent clients, on SQLite and on PostgreSQL (a
# throwaway cluster, as the tests start it). Prints name=value lines.
# Env: CLIENTS (50), SUBMISSIONS (2000 per database).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# shellcheck source=scripts/pg.sh
source scripts/pg.sh

cargo build -q --release -p tokhai-portal-server --bin tokhai-portal
cargo build -q -p tokhai-mock-idp --bin mint-token
bin=target/release/tokhai-portal
tokens=$(mktemp)
work=$(mktemp -d)
server=""
cleanup() {
  [ -n "$server" ] && kill "$server" 2>/dev/null && wait "$server" 2>/dev/null
  rm -rf "$tokens" "$work"
  pg_stop
}
trap cleanup EXIT
# Tokens of five seed citizens (the mock issuer's key, as `make token` mints them).
for c in nguyen-van-an vu-thi-mai le-thi-thu-ha hoang-thi-lan ho-van-dung; do
  target/debug/mint-token "seeds/citizens/$c.json" --exp 1h >>"$tokens"
done

run() { # $1 = label, $2 = DATABASE_URL
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  PORTAL_ADDR="127.0.0.1:$port" DATABASE_URL="$2" PORTAL_LOG=warn PORTAL_RATE_LIMIT=100000000 \
    PORTAL_OFFICER_KEY=bench-officer-key-0123456789 "$bin" &
  server=$!
  node bench/portal.mjs --url "http://127.0.0.1:$port" --label "$1" --tokens "$tokens"
  kill "$server"
  wait "$server" 2>/dev/null || true
  server=""
}

run sqlite "sqlite://$work/portal.db"
pg_start >/dev/null
run postgres "$TEST_DATABASE_URL"
