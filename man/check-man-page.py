#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every command `alcovectl --help` lists has an entry in the man page."""
import re
import subprocess
import sys

alcovectl, page = sys.argv[1], sys.argv[2]
help_text = subprocess.run([alcovectl, "--help"], capture_output=True, text=True,
                           env={"LC_ALL": "C.UTF-8"}, check=True).stdout
commands = re.findall(r"^  ([a-z][a-z-]*)\s{2,}", help_text.split("Commands:", 1)[1], re.M)
roff = open(page, encoding="utf-8").read().replace("\\-", "-")
entries = set(re.findall(r"^\.B I?\s*([a-z][a-z-]*)", roff, re.M))
missing = [c for c in commands if c not in entries]
if not commands:
    sys.exit("alcovectl --help listed no commands")
if missing:
    sys.exit("The man page has no entry for: " + ", ".join(missing))
print(f"{len(commands)} commands, all in the man page")
