#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A bounded, repeatable run of one fuzz target: the `fuzz` suite (tests/fuzz/meson.build).
#   run-fuzz.sh TARGET CORPUS ARTIFACTS [SECONDS]
# The seed corpus is copied to a temporary folder, so what the fuzzer finds on the way does
# not grow the one kept in git. A crash, a sanitizer report or a leak leaves its input in
# ARTIFACTS and fails the run; replay it with `TARGET ARTIFACTS/crash-…`.
set -euo pipefail
target=$1 corpus=$2 artifacts=$3 seconds=${4:-20}

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r "$corpus/." "$work/"
mkdir -p "$artifacts"
exec "$target" -seed=1 -max_total_time="$seconds" -max_len=65536 -timeout=10 \
  -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/" "$work"
