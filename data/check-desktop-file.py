#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""desktop-file-validate, knowing the keys of the Desktop Entry specification 1.5 that
Debian 12's validator (0.26) predates: it calls SingleMainWindow an unknown key. Any other
error, or that one from a validator that should know better, fails."""
import subprocess
import sys

SPEC_1_5_KEYS = ("SingleMainWindow",)

validator, desktop_file = sys.argv[1:3]
result = subprocess.run([validator, desktop_file], capture_output=True, text=True)
errors = [line for line in result.stdout.splitlines() + result.stderr.splitlines()
          if ": error: " in line]
unexplained = [line for line in errors
               if not any(f'key "{key}"' in line and "should start with" in line
                          for key in SPEC_1_5_KEYS)]
for line in unexplained:
    print(line, file=sys.stderr)
sys.exit(1 if unexplained or (result.returncode != 0 and not errors) else 0)
