#!/usr/bin/env bash
# Size and load benchmarks of the release build in dist/ (or $DIST).
# Builds nothing of the app: the Makefile's bench target builds first, then
# runs this; floor.sh builds its own tiny app (bench/floor).
# Env: DIST, RUNS, ONLY, NO_NETWORK_THROTTLE=1, FIRST_VISIT_S, CHROMIUM, BENCH_VERBOSE=1
# (see bench/load.mjs), LH_RUNS (bench/lighthouse.mjs).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node bench/size.mjs
node bench/load.mjs
node bench/lighthouse.mjs
# The framework's floor (the smallest yew + yew-router app), for comparison.
bash bench/floor.sh
