#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Builds the Mallard help as HTML into OUTDIR (the Flatpak's help, see
src/gui/alcove-help.c) and checks it: one HTML file per page, and nothing that a browser
would fetch from the network. With --check, builds into a temporary folder and keeps
nothing."""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# what makes a browser load something by itself: scripts, styles, images, frames
FETCHED = re.compile(r'<(?:script|img|iframe|link)\b[^>]*\b(?:src|href)="(?:https?:)?//',
                     re.I)


def build(outdir, pages):
    os.makedirs(outdir, exist_ok=True)
    subprocess.run(["yelp-build", "html", "-o", outdir + os.sep] + pages, check=True)
    problems = []
    for page in pages:
        name = os.path.splitext(os.path.basename(page))[0] + ".html"
        path = os.path.join(outdir, name)
        if not os.path.isfile(path):
            problems.append(f"{page}: no {name} was built")
            continue
        with open(path, encoding="utf-8") as f:
            for match in FETCHED.finditer(f.read()):
                problems.append(f"{name}: loads from the network: {match.group(0)}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    parser.add_argument("outdir", nargs="?")
    parser.add_argument("pages", nargs="+")
    args = parser.parse_args()
    if args.check:
        with tempfile.TemporaryDirectory() as outdir:
            problems = build(outdir, [args.outdir] + args.pages if args.outdir else args.pages)
    else:
        problems = build(args.outdir, args.pages)
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
