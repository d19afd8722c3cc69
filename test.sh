#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing, builds, and runs every test suite headless: under Xvfb, in a
# private D-Bus session with an unlocked gnome-keyring.
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh

alcove_install_packages
alcove_install_npm_tools
alcove_generate_locales
alcove_build _build
# The fuzz targets need clang (libFuzzer, AddressSanitizer): a build folder of their own,
# where only they are built, not the application a second time. Each runs for 20 s with a
# fixed seed (the `fuzz` suite, tests/fuzz/meson.build); a crash fails the run.
CC=clang alcove_build _build-fuzz -Dfuzzing=true -- fuzz-header fuzz-interchange fuzz-backup fuzz-package fuzz-csv fuzz-practice
meson test -C _build-fuzz --no-rebuild --suite fuzz --print-errorlogs
exec xvfb-run --auto-servernum --server-args="-screen 0 1280x1024x24" \
  dbus-run-session -- bash -c '
    # a throwaway password: with an empty one the daemon makes no login collection
    # in a keyring folder of its own, never the one of the person running the tests
    printf "alcove-test" | XDG_DATA_HOME="$(mktemp -d)" \
      gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
    meson test -C _build --print-errorlogs "$@"
  ' test.sh "$@"
