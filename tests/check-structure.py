#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that no widget makes a thread or reaches SQLite.

Usage: check-structure.py SOURCE_ROOT

Slow work is _async/_finish in src/core, on a worker that owns its own database connection;
widgets call it. So no file under src/gui may:
  - start a thread: g_task_run_in_thread (and _sync), g_thread_new, g_thread_try_new,
    g_thread_pool_*, pthread_create;
  - include sqlite3.h, directly or through the project's own headers (alcove-database.h,
    alcove-worker.h, alcove-vault-private.h, …).

Fails (exit 1) naming each file and line; exit 2 on a usage error.
"""

import re
import sys
from pathlib import Path

GUI_DIR = 'src/gui'
HEADER_DIRS = ('src',)

THREAD_CALL = re.compile(
    r'(?<![A-Za-z0-9_])(g_task_run_in_thread(?:_sync)?|g_thread_new|g_thread_try_new|'
    r'g_thread_pool_[a-z_]+|pthread_create)\s*\(')
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')
FORBIDDEN_HEADER = 'sqlite3.h'


def blank_comments_and_strings(text):
    """Replace comments and string or character literals by spaces, keeping line breaks,
    so that a call named in a comment or a message does not count and line numbers hold."""
    out = []
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in '"\'':
            j = i + 1
            while j < n and text[j] != c and text[j] != '\n':
                j += 2 if text[j] == '\\' else 1
            out.append(c + ''.join(ch if ch == '\n' else ' ' for ch in text[i + 1:j]) + c)
            i = j + 1
        elif text.startswith('/*', i):
            end = text.find('*/', i + 2)
            end = n if end < 0 else end + 2
            out.append(''.join(ch if ch == '\n' else ' ' for ch in text[i:end]))
            i = end
        elif text.startswith('//', i):
            end = text.find('\n', i)
            end = n if end < 0 else end
            out.append(' ' * (end - i))
            i = end
        else:
            out.append(c)
            i += 1
    return ''.join(out)


def project_headers(root):
    """Header base name -> paths, for resolving "quoted" includes across the include dirs."""
    headers = {}
    for top in HEADER_DIRS:
        for path in (root / top).rglob('*.h'):
            headers.setdefault(path.name, []).append(path)
    return headers


def includes_of(path):
    """(line number, header name) of each #include in path"""
    found = []
    for number, line in enumerate(path.read_text(encoding='utf-8', errors='replace')
                                  .splitlines(), start=1):
        match = INCLUDE.match(line)
        if match:
            found.append((number, match.group(2)))
    return found


def chain_to_sqlite(header, headers, seen):
    """The chain of project headers from `header` to sqlite3.h, or None"""
    if header == FORBIDDEN_HEADER:
        return [header]
    if header in seen:
        return None
    seen.add(header)
    for path in headers.get(header, []):
        for _, included in includes_of(path):
            rest = chain_to_sqlite(Path(included).name, headers, seen)
            if rest is not None:
                return [header] + rest
    return None


def check_file(path, root, headers):
    problems = []
    rel = path.relative_to(root).as_posix()
    code = blank_comments_and_strings(path.read_text(encoding='utf-8', errors='replace'))
    for number, line in enumerate(code.splitlines(), start=1):
        for match in THREAD_CALL.finditer(line):
            problems.append(f'{rel}:{number}: {match.group(1)}() makes a thread in a widget; '
                            'call an _async function of src/core, which runs the work on a '
                            'worker with its own connection')
    for number, included in includes_of(path):
        chain = chain_to_sqlite(Path(included).name, headers, set())
        if chain is None:
            continue
        if len(chain) == 1:
            problems.append(f'{rel}:{number}: includes {FORBIDDEN_HEADER}; widgets call '
                            'src/core, never SQL')
        else:
            problems.append(f'{rel}:{number}: includes {FORBIDDEN_HEADER} through '
                            f'{" -> ".join(chain)}; widgets call src/core, never SQL: '
                            'include a header without the database')
    return problems


def main(argv):
    if len(argv) != 2:
        print(f'usage: {Path(argv[0]).name} SOURCE_ROOT', file=sys.stderr)
        return 2

    root = Path(argv[1]).resolve()
    gui = root / GUI_DIR
    if not gui.is_dir():
        print(f'{gui}: not found', file=sys.stderr)
        return 2

    headers = project_headers(root)
    files = sorted(p for p in gui.rglob('*') if p.suffix in ('.c', '.h') and p.is_file())
    problems = []
    for path in files:
        problems.extend(check_file(path, root, headers))

    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f'{len(files)} files under {GUI_DIR}: no thread made, no SQLite reached')
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv))
