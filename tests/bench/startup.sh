#!/bin/bash
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Startup figures on a practice kept by the benchmark (alcove-bench --keep --dir DIR):
# runs the real `alcove` under Xvfb with ALCOVE_TRACE=startup, signs in as clinician0 by
# clicking its row and typing the benchmark's password, and prints the frame-clock figures
# and the process's peak RSS with the practice open; then the same first-frame figure for a
# bare libadwaita window (startup-baseline), the floor set by GTK, the display and the
# machine. Needs xdotool and imagemagick.
#
#   tests/bench/startup.sh BUILD_DIR VAULT_DIR [RUNS]
set -eu
BUILD=$(realpath "${1:?build directory, e.g. _build}")
VAULT=$(realpath "${2:?vault directory kept by alcove-bench --keep --dir}")
RUNS=${3:-3}
for tool in xdotool Xvfb dbus-run-session import; do
  command -v $tool >/dev/null || { echo "startup.sh: needs $tool (apt-get install xdotool xvfb dbus imagemagick)" >&2; exit 1; }
done

WORK=$(mktemp -d)
trap 'kill $XVFB 2>/dev/null; rm -rf "$WORK"' EXIT
export HOME=$WORK XDG_CONFIG_HOME=$WORK/config XDG_DATA_HOME=$WORK/data XDG_CACHE_HOME=$WORK/cache
mkdir -p "$XDG_CONFIG_HOME/glib-2.0/settings"
printf "[io/github/alcove_notes/Alcove]\nvault-path='%s'\n" "$VAULT" \
  > "$XDG_CONFIG_HOME/glib-2.0/settings/keyfile"
export GSETTINGS_BACKEND=keyfile GSETTINGS_SCHEMA_DIR=$BUILD/data ALCOVE_TRACE=startup NO_AT_BRIDGE=1
export ALCOVE=$BUILD/src/gui/alcove BASELINE=$BUILD/tests/bench/startup-baseline OUT=$WORK/trace.txt SHOTS=$BUILD/tests/bench

Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 &
XVFB=$!
sleep 1
export DISPLAY=:77

wait_for () {  # wait_for TEXT: until the trace prints it (20 s at most)
  for _ in $(seq 100); do grep -q "$1" "$OUT" && return 0; sleep 0.2; done
  echo "startup.sh: no \"$1\" in the trace" >&2; return 1
}
export -f wait_for

for run in $(seq "$RUNS"); do
  echo "run $run"
  dbus-run-session -- bash -c '
    "$ALCOVE" > "$OUT" 2>&1 & APP=$!
    wait_for "login page first frame"
    sleep 0.5
    xdotool mousemove 450 390 click 1   # the second row: clinician0
    sleep 0.8
    xdotool type --delay 5 "bench password, not a secret"; xdotool key Return
    wait_for "main window first frame"
    sleep 2
    import -window root "$SHOTS/startup-main.png"
    grep alcove-trace "$OUT"
    echo "alcove peak RSS with the practice open: $(grep VmHWM /proc/$APP/status | tr -s " " | cut -d" " -f2-)"
    kill $APP; wait $APP 2>/dev/null || true
    timeout 20 "$BASELINE"' 2>/dev/null
done
