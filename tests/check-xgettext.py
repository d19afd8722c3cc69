#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that every translatable string can be extracted and translated.

Usage: check-xgettext.py SOURCE_ROOT

Runs xgettext over po/POTFILES.in with the arguments the pot target uses (meson's 'glib'
preset plus the project's --from-code=UTF-8) and fails (exit 1)
- on any warning xgettext prints (a bad format string, a '\\r' in a message, ...);
- when a message holds a printf directive that gettext cannot know: xgettext does not expand
  macros, so _("%" G_GINT64_FORMAT " rows") is extracted as "%" and can never be translated;
- when a source line passes a format macro (G_GINT64_FORMAT, G_GSIZE_FORMAT, PRId64, ...)
  inside a gettext call.
A message that is no printf format (a g_date_time_format () pattern, "100%") is marked in the
source with /* xgettext:no-c-format */ and is not checked for directives.
Exit 2 on a usage error, 77 (skipped) when xgettext is missing.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# meson's i18n 'glib' preset (mesonbuild/modules/i18n.py, PRESET_ARGS['glib']); meson's
# gettext script adds -k_ itself. po/meson.build adds --from-code=UTF-8 again.
GLIB_PRESET_ARGS = [
    '--from-code=UTF-8',
    '--add-comments',
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dcgettext:2',
    '--keyword=g_dngettext:2,3',
    '--keyword=g_dpgettext2:2c,3',
    '--flag=N_:1:pass-c-format',
    '--flag=C_:2:pass-c-format',
    '--flag=NC_:2:pass-c-format',
    '--flag=g_dngettext:2:pass-c-format',
    '--flag=g_strdup_printf:1:c-format',
    '--flag=g_string_printf:2:c-format',
    '--flag=g_string_append_printf:2:c-format',
    '--flag=g_error_new:3:c-format',
    '--flag=g_set_error:4:c-format',
    '--flag=g_markup_printf_escaped:1:c-format',
    '--flag=g_log:3:c-format',
    '--flag=g_print:1:c-format',
    '--flag=g_printerr:1:c-format',
    '--flag=g_printf:1:c-format',
    '--flag=g_fprintf:2:c-format',
    '--flag=g_sprintf:2:c-format',
    '--flag=g_snprintf:3:c-format',
]
PROJECT_ARGS = ['--from-code=UTF-8']

# A whole C conversion specification as printf (3) knows it, or a literal "%%".
C_DIRECTIVE = re.compile(
    r"%(?:%|(?:\d+\$)?[-+ #0']*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d+))?"
    r"(?:hh|h|ll|l|L|q|j|z|Z|t)?[diouxXeEfFgGaAcspn])")

# Format macros from GLib and <inttypes.h>: only the compiler knows what they expand to.
FORMAT_MACRO = re.compile(
    r'\b(?:G_G(?:U?INT(?:16|32|64)|SIZE|SSIZE|OFFSET|INTPTR|UINTPTR)_(?:FORMAT|MODIFIER)'
    r'|PRI[diouxX](?:8|16|32|64|MAX|PTR|LEAST\d+|FAST\d+))\b')

# The start of a gettext call; its argument is read on by LITERAL_OR_NAME, one piece at a time.
GETTEXT_CALL = re.compile(
    r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|g_dngettext|ngettext|dngettext|g_dgettext|g_dpgettext2)'
    r'\s*\(')
LITERAL_OR_NAME = re.compile(r'\s*(?:"(?:[^"\\\n]|\\.)*"|[A-Za-z_][A-Za-z0-9_]*|,)')


def read_potfiles(root):
    entries = []
    for line in (root / 'po' / 'POTFILES.in').read_text(encoding='utf-8').splitlines():
        line = line.strip()
        if not line or line.startswith('#'):
            continue
        if line.startswith('[') and ']' in line:
            line = line.split(']', 1)[1].strip()
        entries.append(line)
    return entries


def run_xgettext(xgettext, root, pot):
    command = [xgettext, '--package-name=alcove', '-p', str(pot.parent),
               '-f', str(root / 'po' / 'POTFILES.in'), '-D', str(root), '-k_',
               '-o', pot.name] + GLIB_PRESET_ARGS + PROJECT_ARGS
    result = subprocess.run(command, capture_output=True, text=True)
    return result.returncode, result.stderr


def unquote(lines):
    text = ''.join(re.match(r'^(?:msgid(?:_plural)?\s+)?"(.*)"$', line).group(1)
                   for line in lines)
    return text.encode('latin-1', 'backslashreplace').decode('unicode_escape') \
        if '\\' in text else text


def read_msgids(pot):
    """Yield (reference, flags, msgid) for every msgid and msgid_plural of a .pot file."""
    reference = ''
    flags = set()
    current = None
    lines = []
    for line in pot.read_text(encoding='utf-8').splitlines() + ['']:
        if current and line.startswith('"'):
            lines.append(line)
            continue
        if current:
            yield reference, flags, unquote(lines)
            current = None
        if line.startswith('#:'):
            reference = line[2:].strip()
            flags = set()
        elif line.startswith('#,'):
            flags = {flag.strip() for flag in line[2:].split(',')}
        elif line.startswith('msgid ') or line.startswith('msgid_plural '):
            current = line.split(' ', 1)[0]
            lines = [line]


def bad_directives(msgid):
    """The '%' signs of msgid that start no complete, standard conversion."""
    bad = []
    position = 0
    while True:
        position = msgid.find('%', position)
        if position < 0:
            return bad
        match = C_DIRECTIVE.match(msgid, position)
        if match:
            position = match.end()
        else:
            bad.append(msgid[position:position + 4] or '%')
            position += 1


def format_macros_in_calls(root, entries):
    for entry in entries:
        if not entry.endswith(('.c', '.h')):
            continue
        text = (root / entry).read_text(encoding='utf-8', errors='replace')
        for call in GETTEXT_CALL.finditer(text):
            position = call.end()
            piece = LITERAL_OR_NAME.match(text, position)
            while piece:
                macro = FORMAT_MACRO.fullmatch(piece.group(0).strip())
                if macro:
                    line = text.count('\n', 0, call.start()) + 1
                    yield f'{entry}:{line}', macro.group(0)
                    break
                piece = LITERAL_OR_NAME.match(text, piece.end())


def main(argv):
    if len(argv) != 2:
        print(f'usage: {Path(argv[0]).name} SOURCE_ROOT', file=sys.stderr)
        return 2
    root = Path(argv[1]).resolve()
    xgettext = shutil.which('xgettext')
    if not xgettext:
        print('xgettext not found (Debian package gettext); skipping', file=sys.stderr)
        return 77

    problems = []
    count = 0
    with tempfile.TemporaryDirectory() as tmp:
        pot = Path(tmp) / 'alcove.pot'
        status, stderr = run_xgettext(xgettext, root, pot)
        for line in stderr.splitlines():
            if line.strip():
                problems.append(f'xgettext: {line}')
        if status != 0:
            problems.append(f'xgettext exited with status {status}')
        elif pot.exists():
            for reference, flags, msgid in read_msgids(pot):
                count += 1
                # strftime-like formats and literal percentages are marked in the source with
                # a /* xgettext:no-c-format */ comment
                if msgid == '' or 'no-c-format' in flags:
                    continue
                for directive in bad_directives(msgid):
                    problems.append(f'{reference}: "{msgid}" has "{directive}…", no whole printf '
                                    'directive: format 64-bit numbers outside the message '
                                    '(a %s of a formatted number), or mark a message that is '
                                    'no printf format with /* xgettext:no-c-format */')

    for where, macro in format_macros_in_calls(root, read_potfiles(root)):
        problems.append(f'{where}: {macro} inside a translatable message: xgettext cannot '
                        'expand it; format the number into a string and use %s')

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(f'{len(problems)} problem(s) with translatable strings', file=sys.stderr)
        return 1
    print(f'xgettext: no warnings; {count} messages checked, none with a partial printf directive')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
