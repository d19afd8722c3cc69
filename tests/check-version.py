#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`alcove --version` and `alcovectl --version` print the project's version, and the
tagline is the same everywhere it is shown: the metainfo summary (at most 35 characters,
as AppStream asks), the desktop file's comment and the About window."""
import os
import re
import subprocess
import sys

alcove, alcovectl, version, source_root = sys.argv[1:5]
failures = []

for program in (alcove, alcovectl):
    env = dict(os.environ, DISPLAY="", WAYLAND_DISPLAY="")
    result = subprocess.run([program, "--version"], capture_output=True, text=True,
                            env=env, timeout=30)
    expected = f"{os.path.basename(program)} {version}"
    if result.returncode != 0 or result.stdout.strip() != expected:
        failures.append(f"{program} --version printed {result.stdout!r} "
                        f"(exit {result.returncode}, stderr {result.stderr.strip()!r}); "
                        f"expected {expected!r}")


def read(path):
    with open(os.path.join(source_root, path), encoding="utf-8") as f:
        return f.read()


summary = re.search(r"<summary>(.*?)</summary>",
                    read("data/io.github.alcove_notes.Alcove.metainfo.xml.in.in")).group(1)
comment = re.search(r"^Comment=(.*)$",
                    read("data/io.github.alcove_notes.Alcove.desktop.in.in"), re.M).group(1)
about = re.search(r'adw_about_window_set_comments \(about, _\("(.*?)"\)\)',
                  read("src/gui/alcove-about.c")).group(1)
if len(summary) > 35:
    failures.append(f"the metainfo summary has {len(summary)} characters, more than 35")
for where, text in (("desktop Comment", comment), ("About window", about)):
    if text != summary:
        failures.append(f"the {where} says {text!r}, the metainfo summary {summary!r}")

for failure in failures:
    print(failure, file=sys.stderr)
sys.exit(1 if failures else 0)
