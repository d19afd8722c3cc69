#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Copies the store screenshots the tests took (tests/test-store-screenshots.c) into
# data/screenshots, which the metainfo links to. Run ./test.sh (or the one test) first.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-_build}
for name in store-client store-note store-privacy store-client-dark; do
  cp "$build/tests/screenshots/$name.png" "data/screenshots/$name.png"
done
echo "Updated data/screenshots from $build/tests/screenshots"
