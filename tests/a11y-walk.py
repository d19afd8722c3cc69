#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Reads Alcove's accessibility tree over AT-SPI, as a screen reader would, in every state
the driver (tests/a11y-driver.c) takes the real application through.

Fails on: an interactive object on screen with no name; a name said twice ("Full Name Full
Name", or the name repeated as the description); a window with no title; an accessible object
that gives back a typed password (as name, description or text); a screen with a password
field that does not report the "password text" role.

Usage: a11y-walk.py DRIVER [--report-only]. The test's environment turns the AT-SPI bridge
off for the other GUI tests (NO_AT_BRIDGE=1); here it is turned back on for the driver, and the
accessibility bus is started inside the test's private D-Bus session.
"""

import os
import re
import subprocess
import sys
import time

# Roles a person acts on: each needs a name a screen reader can say
INTERACTIVE_ROLES = {
    'push button', 'toggle button', 'check box', 'radio button', 'text', 'entry',
    'password text', 'combo box', 'spin button', 'slider', 'link', 'menu item',
    'check menu item', 'radio menu item', 'switch', 'list item', 'page tab', 'menu button',
    'tree item', 'table row', 'search bar',
}
EDITABLE_ROLES = {'text', 'entry', 'password text', 'spin button', 'combo box'}
# Known and not yet mended, each with the reason: reported on every run, never failing it. An
# entry matches the end of an object's path. Keep this list short; mend, then delete.
KNOWN = {
    # rows whose title comes with their data or their step; not yet looked into
    'list “Consents that need attention” > list item “”': 'row titled later, not investigated',
    'list “Authorization to disclose” > list item “”': 'row titled later, not investigated',
    'list “Co-Signing” > list item “”': 'row titled later, not investigated',
    'list “People” > list item “”': 'row titled later, not investigated',
    'list “Confirm” > list item “”': 'attestation row, titled at the basis step',
    'list “Confirm” > list item “” > panel “” > panel “” > check box “GtkCheckButton”':
        'attestation check, named by its row once titled',
    # GtkColumnView rows in GTK 4.8: the row widget is the toolkit's, made before its cells
    # have text, and is not reachable from the factory
    'tree table “Access log entries” > list “GtkColumnListView” > table row “GtkListItemWidget”':
        'GTK 4.8 column view row',
}
# Bounds on a walk so that a runaway tree cannot hang the suite
MAX_DEPTH = 60
MAX_OBJECTS = 6000


def start_accessibility_bus():
    """The bus launcher is D-Bus activated in a desktop session; in the test's private session
    it is started by hand, and it starts the registry itself."""
    env = dict(os.environ)
    for launcher in ('/usr/libexec/at-spi-bus-launcher', '/usr/lib/at-spi2-core/at-spi-bus-launcher'):
        if os.path.exists(launcher):
            return subprocess.Popen([launcher, '--launch-immediately'], env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sys.exit('at-spi-bus-launcher is missing: install at-spi2-core')


def driver_environment():
    env = dict(os.environ)
    env.pop('NO_AT_BRIDGE', None)
    env.pop('GTK_A11Y', None)
    return env


def describe(obj):
    try:
        return '%s “%s”' % (obj.getRoleName(), obj.name or '')
    except Exception:
        return '(gone)'


def states_of(obj):
    try:
        return obj.getState()
    except Exception:
        return None


def text_of(obj):
    try:
        text = obj.queryText()
    except (NotImplementedError, Exception):
        return ''
    try:
        return text.getText(0, -1) or ''
    except Exception:
        return ''


DOUBLED = re.compile(r'^(.{2,}?)\s+\1$')
# GTK 4.8 falls back to the widget's type name when nothing names it: no name for a person
TYPE_NAME = re.compile(r'^(Gtk|Adw|Alcove)[A-Z][A-Za-z]+$')


def is_unnamed(name):
    name = name.strip()
    return name == '' or TYPE_NAME.match(name) is not None


def is_doubled(name, description):
    # a mnemonic's underline ("_Next Next") is not what a screen reader says
    name = (name or '').replace('_', '').strip()
    description = (description or '').replace('_', '').strip()
    if not name:
        return False
    if DOUBLED.match(name):
        return True
    return description == name


class Walk:
    def __init__(self, pyatspi):
        self.pyatspi = pyatspi
        self.password = None
        self.states_seen = []
        self.windows_read = set()
        self.interactive = {}  # path -> object description, on screen in some state
        self.unnamed = {}
        self.doubled = {}
        self.untitled = {}
        self.exposing = {}
        self.password_roles_missing = []
        self.count = 0

    def walk_state(self, state, app, only_new_windows):
        """Reads every window on screen, or (only_new_windows) those opened since the last
        state: reading the main window again and again would take most of the time"""
        self.state = state
        self.count = 0
        self.password_fields = 0
        for i in range(app.childCount):
            window = app.getChildAtIndex(i)
            if window is None:
                continue
            role, name = window.getRoleName(), window.name or ''
            if only_new_windows and (role, name) in self.windows_read:
                continue
            self.windows_read.add((role, name))
            # every child of the application is a window, whatever role GTK gives it
            if is_unnamed(name):
                self.untitled.setdefault('%s in %s' % (role, state), state)
            self.visit(window, role, name, ['%s “%s”' % (role, name)], 0)
        return self.count

    # Each question is a D-Bus round trip to the application: ask only what is judged
    def visit(self, obj, role, name, path, depth):
        self.count += 1
        if depth > MAX_DEPTH or self.count > MAX_OBJECTS:
            return
        self.judge(obj, role, name, path)
        try:
            n = obj.childCount
        except Exception:
            return
        for i in range(n):
            try:
                child = obj.getChildAtIndex(i)
                child_role, child_name = child.getRoleName(), child.name or ''
            except Exception:
                continue
            self.visit(child, child_role, child_name,
                       path + ['%s “%s”' % (child_role, child_name)], depth + 1)

    def judge(self, obj, role, name, path):
        where = ' > '.join(path)
        if role in EDITABLE_ROLES and self.password and self.password in text_of(obj):
            self.exposing[where] = self.state
        if self.password and self.password in name:
            self.exposing[where] = self.state
        if role == 'password text':
            self.password_fields += 1
        if role not in INTERACTIVE_ROLES:
            return
        # GTK 4.8 gives no "showing" below the window, and presents every page of a stack:
        # every visible object counts, on screen or one page away
        states = states_of(obj)
        if states is None or not states.contains(self.pyatspi.STATE_VISIBLE):
            return
        # a list item nobody can focus (a heading row, a read-only line) is not a control
        if role == 'list item' and not states.contains(self.pyatspi.STATE_FOCUSABLE):
            return
        try:
            description = obj.description or ''
        except Exception:
            description = ''
        if os.environ.get('A11Y_DUMP'):
            print('%s “%s” [%s]' % (where, name, description))
        if self.password and self.password in description:
            self.exposing[where] = self.state
        self.interactive[where] = self.state
        if is_unnamed(name):
            self.unnamed.setdefault(where, self.state)
        elif is_doubled(name, description):
            self.doubled.setdefault(where, self.state)


def find_application(registry, pid, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        desktop = registry.getDesktop(0)
        for i in range(desktop.childCount):
            app = desktop.getChildAtIndex(i)
            try:
                if app is not None and app.get_process_id() == pid:
                    return app
            except Exception:
                pass
        time.sleep(0.2)
    return None


EXPECTED_STATES = ('setup', 'login', 'client-and-note', 'client-editor', 'consents',
                   'share-wizard', 'privacy-dashboard', 'preferences')
PASSWORD_STATES = ('setup', 'login', 'preferences')


def drive(pyatspi, Atspi, driver, test_path, walk):
    """Runs one application in the driver and reads each state it offers"""
    process = subprocess.Popen([driver, '-p', test_path], env=driver_environment(),
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        for line in process.stdout:
            line = line.rstrip('\n')
            if line.startswith('PASSWORD '):
                walk.password = line[len('PASSWORD '):]
                continue
            if not line.startswith('STATE '):
                continue
            state, _, scope = line[len('STATE '):].partition(' ')
            if state == 'done':
                break
            app = find_application(pyatspi.Registry, process.pid)
            if app is None:
                sys.exit('the application never appeared on the accessibility bus')
            # GTK 4.8 does not announce every change: read the tree afresh, not a cache of it
            app.set_cache_mask(Atspi.Cache.NONE)
            app.clear_cache()
            objects = walk.walk_state(state, app, only_new_windows=(scope == 'new'))
            walk.states_seen.append(state)
            print('# %s: %d accessible objects, %d password fields' %
                  (state, objects, walk.password_fields), flush=True)
            if state in PASSWORD_STATES and walk.password_fields == 0:
                walk.password_roles_missing.append(state)
            process.stdin.write('next\n')
            process.stdin.flush()
        process.stdin.close()
        return process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()


def known_reason(where):
    for ending, reason in KNOWN.items():
        if where.endswith(ending):
            return reason
    return None


def report(title, found):
    """Prints what was found; returns how many are not known"""
    unknown = {w: s for w, s in found.items() if known_reason(w) is None}
    print('%s: %d (%d known)' % (title, len(found), len(found) - len(unknown)))
    for where, state in sorted(found.items()):
        reason = known_reason(where)
        print('  [%s]%s %s' % (state, ' (known: %s)' % reason if reason else '', where))
    return len(unknown)


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    driver = sys.argv[1]
    report_only = '--report-only' in sys.argv[2:]
    bus = start_accessibility_bus()
    time.sleep(0.5)
    import pyatspi  # connects to the accessibility bus on import
    from gi.repository import Atspi

    started = time.monotonic()
    walk = Walk(pyatspi)
    try:
        for test_path in ('/a11y/setup', '/a11y/unlocked'):
            code = drive(pyatspi, Atspi, driver, test_path, walk)
            if code != 0:
                sys.exit('the driver failed in %s (exit %d)' % (test_path, code))
    finally:
        bus.terminate()
        bus.wait()

    print('states: %s' % ', '.join(walk.states_seen))
    print('interactive objects on screen: %d' % len(walk.interactive))
    problems = report('unnamed interactive objects', walk.unnamed)
    problems += report('doubled names', walk.doubled)
    problems += report('windows without a title', walk.untitled)
    problems += report('objects giving back the typed password', walk.exposing)
    print('screens whose password field is not "password text": %d %s' %
          (len(walk.password_roles_missing), ' '.join(walk.password_roles_missing)))
    print('walk took %.1f s' % (time.monotonic() - started))

    if len(walk.states_seen) < len(EXPECTED_STATES):
        sys.exit('the driver stopped after %s' % walk.states_seen)
    problems += len(walk.password_roles_missing)
    if problems and not report_only:
        sys.exit('%d accessibility problems' % problems)


if __name__ == '__main__':
    main()
