#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What appstreamcli cannot check without the network: every screenshot the metainfo links
to is a PNG in data/screenshots (tools/update-screenshots.sh puts the tests' own there),
with a caption; and branding colours for the light and the dark style."""
import os
import re
import struct
import sys
import xml.etree.ElementTree as ET

PREFIX = "https://raw.githubusercontent.com/alcove-notes/alcove/main/"

metainfo, source_root = sys.argv[1:3]
root = ET.parse(metainfo).getroot()
problems = []
screenshots = root.findall("screenshots/screenshot")
if not screenshots:
    problems.append("no screenshots")
for screenshot in screenshots:
    url = screenshot.findtext("image", "")
    if not url.startswith(PREFIX):
        problems.append(f"{url}: not a file of this repository")
        continue
    path = os.path.join(source_root, url[len(PREFIX):])
    try:
        with open(path, "rb") as f:
            head = f.read(24)
    except OSError as error:
        problems.append(f"{url}: {error.strerror}")
        continue
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        problems.append(f"{path}: not a PNG")
        continue
    width, height = struct.unpack(">II", head[16:24])
    if width < 620 or height < 400:
        problems.append(f"{path}: {width}×{height} is too small for a store page")
    if not (screenshot.findtext("caption") or "").strip():
        problems.append(f"{url}: no caption")
schemes = {color.get("scheme_preference") for color in root.findall("branding/color")
           if re.fullmatch(r"#[0-9a-fA-F]{6}", color.text or "")}
if schemes != {"light", "dark"}:
    problems.append("branding needs a primary colour for the light and the dark style")
for problem in problems:
    print(problem, file=sys.stderr)
sys.exit(1 if problems else 0)
