#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks the Flatpak manifest without building it (building needs the network): its JSON,
a GNOME runtime still supported, a sandbox without the network or a direct line to the
keyring (Alcove reaches it through the Secret portal), pinned sources, and a module for
every library the build asks for that the runtime lacks."""
import json
import os
import re
import sys

MIN_RUNTIME = 50
# pkg-config names the GNOME runtime provides (org.gnome.Platform and its freedesktop base)
RUNTIME_PROVIDES = {
    "glib-2.0", "gio-2.0", "gio-unix-2.0", "gtk4", "libadwaita-1", "json-glib-1.0",
    "gnutls", "hogweed", "libarchive", "libsecret-1",
}
# what each bundled module provides
MODULE_PROVIDES = {
    "libargon2": {"libargon2"},
    "libpwquality": {"pwquality"},
    "sqlcipher": {"sqlcipher"},
    "poppler": {"poppler-glib"},
}
FORBIDDEN_ARGS = {
    "--share=network": "Alcove never uses the network",
    "--talk-name=org.freedesktop.secrets": "the keyring is reached through the Secret portal",
    "--filesystem=home": "files come through the file chooser portal",
    "--filesystem=host": "files come through the file chooser portal",
}


def meson_dependencies(root):
    names = set()
    for folder, _, files in os.walk(root):
        if "/_build" in folder or "/.git" in folder:
            continue
        for name in files:
            if name == "meson.build":
                with open(os.path.join(folder, name), encoding="utf-8") as f:
                    names |= set(re.findall(r"dependency\('([^']+)'", f.read()))
    return names


def meson_options(root):
    with open(os.path.join(root, "meson_options.txt"), encoding="utf-8") as f:
        return set(re.findall(r"option\('([^']+)'", f.read()))


def check(manifest, root):
    problems = []
    if manifest.get("id") != "io.github.alcove_notes.Alcove":
        problems.append(f"id is {manifest.get('id')!r}")
    if manifest.get("runtime") != "org.gnome.Platform" or manifest.get("sdk") != "org.gnome.Sdk":
        problems.append("the runtime and SDK must be GNOME's")
    version = str(manifest.get("runtime-version", ""))
    if not version.isdigit() or int(version) < MIN_RUNTIME:
        problems.append(f"runtime-version {version!r} is older than GNOME {MIN_RUNTIME}")
    if manifest.get("command") != "alcove":
        problems.append("the command must be alcove")
    for arg in manifest.get("finish-args", []):
        if arg in FORBIDDEN_ARGS:
            problems.append(f"finish-arg {arg}: {FORBIDDEN_ARGS[arg]}")

    modules = manifest.get("modules", [])
    names = [module.get("name") for module in modules]
    if not names or names[-1] != "alcove":
        problems.append("the last module must be alcove itself")
    provided = set(RUNTIME_PROVIDES)
    for module in modules[:-1]:
        name = module.get("name")
        if name not in MODULE_PROVIDES:
            problems.append(f"module {name!r} is not needed by any dependency")
            continue
        provided |= MODULE_PROVIDES[name]
        for source in module.get("sources", []):
            if source.get("type") != "archive":
                problems.append(f"module {name}: sources must be pinned archives")
            elif not source.get("url", "").startswith("https://"):
                problems.append(f"module {name}: {source.get('url')} is not https")
            elif not re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")):
                problems.append(f"module {name}: no sha256 for {source.get('url')}")
        if not module.get("sources"):
            problems.append(f"module {name} has no sources")
    for dependency in sorted(meson_dependencies(root) - provided):
        problems.append(f"meson asks for {dependency}, which neither the runtime nor a module provides")

    alcove = modules[-1] if modules else {}
    options = meson_options(root)
    for opt in alcove.get("config-opts", []):
        match = re.match(r"-D([^=]+)=", opt)
        if match and match.group(1) not in options:
            problems.append(f"alcove's config-opt {opt} names no option in meson_options.txt")
    if "-Dhtml_help=true" not in alcove.get("config-opts", []):
        problems.append("the sandbox needs the HTML help (-Dhtml_help=true)")
    return problems


def main():
    manifest_path, root = sys.argv[1:3]
    with open(manifest_path, encoding="utf-8") as f:
        try:
            manifest = json.load(f)
        except json.JSONDecodeError as error:
            print(f"{manifest_path}: not JSON: {error}", file=sys.stderr)
            return 1
    problems = check(manifest, root)
    for problem in problems:
        print(f"{manifest_path}: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
