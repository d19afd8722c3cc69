#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that po/POTFILES.in lists every file with translatable strings.

Usage: check-potfiles.py SOURCE_ROOT

Fails (exit 1) when a file under src/, ui/ or data/ holds translatable strings and is not
listed, when po/POTFILES.in lists a file that does not exist, or when the list is not sorted.
Exit 2 on a usage error.
"""

import re
import sys
from pathlib import Path

SCAN_DIRS = ('src', 'ui', 'data')

# C: gettext macros and functions. The look-behind keeps my_ngettext (…) or FOO_ (…) from
# matching; spaces before the parenthesis are allowed (GNU style).
C_GETTEXT_PATTERN = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|Q_)\s*\(\s*"')
C_CONTEXT_PATTERN = re.compile(r'(?<![A-Za-z0-9_])(?:C_|NC_|g_dpgettext2?)\s*\(')
C_PLURAL_PATTERN = re.compile(r'(?<![A-Za-z0-9_])(?:g_dngettext|ngettext|dngettext)\s*\(')

UI_PATTERN = re.compile(r'translatable\s*=\s*["\']yes["\']')

# Files whose every string is for translators, whatever they contain.
ALWAYS_SUFFIXES = (
    '.desktop.in',
    '.desktop.in.in',
    '.metainfo.xml.in',
    '.metainfo.xml.in.in',
    '.appdata.xml.in',
    '.appdata.xml.in.in',
    '.gschema.xml',
    '.gschema.xml.in',
)


def strip_c_comments(text):
    """Remove /* */ and // comments, keeping string literals intact."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            quote = c
            j = i + 1
            while j < n and text[j] != quote:
                j += 2 if text[j] == '\\' else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            i = n if end < 0 else end + 2
            out.append(' ')
        elif text.startswith('//', i):
            end = text.find('\n', i)
            i = n if end < 0 else end
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def c_has_strings(text):
    code = strip_c_comments(text)
    # Lines that define the macros themselves (#define _(String) gettext (String)) do not count.
    code = '\n'.join(line for line in code.splitlines() if not line.lstrip().startswith('#'))
    return bool(C_GETTEXT_PATTERN.search(code)
                or C_CONTEXT_PATTERN.search(code)
                or C_PLURAL_PATTERN.search(code))


def needs_translation(path):
    name = path.name
    if name.endswith(ALWAYS_SUFFIXES):
        return True
    if path.suffix in ('.c', '.h'):
        return c_has_strings(path.read_text(encoding='utf-8', errors='replace'))
    if path.suffix == '.ui':
        return bool(UI_PATTERN.search(path.read_text(encoding='utf-8', errors='replace')))
    return False


def read_potfiles(potfiles):
    entries = []
    for line in potfiles.read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        # Lines like "[type: gettext/glade]file.ui" name the file after the bracket.
        if line.startswith('[') and ']' in line:
            line = line.split(']', 1)[1].strip()
        entries.append(line)
    return entries


def main(argv):
    if len(argv) != 2:
        print(f'usage: {Path(argv[0]).name} SOURCE_ROOT', file=sys.stderr)
        return 2

    root = Path(argv[1]).resolve()
    potfiles = root / 'po' / 'POTFILES.in'
    if not potfiles.is_file():
        print(f'{potfiles}: not found; create it, one file with translatable strings a line',
              file=sys.stderr)
        return 1

    listed = read_potfiles(potfiles)
    ok = True

    if listed != sorted(listed):
        ok = False
        print('po/POTFILES.in is not sorted; sort it, e.g.:', file=sys.stderr)
        print('  LC_ALL=C sort -o po/POTFILES.in po/POTFILES.in', file=sys.stderr)

    duplicates = sorted({entry for entry in listed if listed.count(entry) > 1})
    for entry in duplicates:
        ok = False
        print(f'{entry}: listed more than once in po/POTFILES.in; keep one line',
              file=sys.stderr)

    for entry in listed:
        if not (root / entry).is_file():
            ok = False
            print(f'{entry}: listed in po/POTFILES.in but does not exist; '
                  'remove it from po/POTFILES.in', file=sys.stderr)

    listed_set = set(listed)
    missing = []
    for top in SCAN_DIRS:
        base = root / top
        if not base.is_dir():
            continue
        for path in sorted(base.rglob('*')):
            if not path.is_file():
                continue
            rel = path.relative_to(root).as_posix()
            if rel in listed_set:
                continue
            if needs_translation(path):
                missing.append(rel)

    for rel in sorted(missing):
        ok = False
        print(f'{rel}: has translatable strings but is not in po/POTFILES.in; '
              'add it to po/POTFILES.in', file=sys.stderr)

    if ok:
        print(f'po/POTFILES.in lists all {len(listed)} files with translatable strings')
        return 0
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
