# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by run.sh and test.sh: the one list of Debian 12 packages Alcove needs, and the
# build. Keep every install step here, never only on a developer's machine.

ALCOVE_PACKAGES=(
  # build
  build-essential meson ninja-build pkg-config gettext itstool
  # libraries (see DESIGN.md for the versions the code may use)
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsqlcipher-dev
  libsecret-1-dev libgnutls28-dev nettle-dev libargon2-dev libarchive-dev libjson-glib-dev libpwquality-dev
  cracklib-runtime
  # viewing signed consent forms (PDF) inside the window
  libpoppler-glib-dev
  # validation of data and help
  desktop-file-utils appstream yelp-tools python3 json-glib-tools python3-jsonschema
  # the man page is linted by building it
  mandoc
  # headless tests: X server, private D-Bus session, a real keyring
  xvfb xauth dbus dbus-bin dbus-daemon gnome-keyring
  # the a11y suite: the accessibility bus and a screen reader's view of it from Python
  at-spi2-core python3-pyatspi gir1.2-atspi-2.0
  # GTK in tests: SVG icons and MIME sniffing
  librsvg2-common shared-mime-info
  # tests read printed PDFs back
  poppler-utils
  # the FHIR export is validated by the `fhir` npm package (tests/fhir, alcove_install_npm_tools)
  nodejs npm
  # tests start Alcove in each language it ships (alcove_generate_locales)
  locales
  # the fuzz suite: libFuzzer and AddressSanitizer come with clang, not gcc; their runtime
  # is only recommended by clang-14, which --no-install-recommends would leave out
  clang libclang-rt-14-dev
)

alcove_missing_packages () {
  local missing=() package
  for package in "${ALCOVE_PACKAGES[@]}"; do
    # a nodejs build from elsewhere (NodeSource's) carries its own npm and conflicts with
    # Debian's npm package: its npm will do
    [ "$package" = npm ] && command -v npm >/dev/null && continue
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
      missing+=("$package")
  done
  echo "${missing[@]}"
}

alcove_install_packages () {
  local missing
  missing=$(alcove_missing_packages)
  [ -z "$missing" ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing: $missing"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends $missing
  else
    echo "Alcove needs these Debian packages. Install them with:" >&2
    echo "  sudo apt-get install $missing" >&2
    exit 1
  fi
}

# The npm packages tests run (tests/fhir/package.json: the FHIR R4 validator), installed
# into tests/fhir/node_modules exactly as its lock file pins them. The fhir package asks for
# no particular node (it declares no engines), so Debian 12's node 18 and npm 9 serve.
alcove_install_npm_tools () {
  local folder
  folder="$(pwd)/tests/fhir"
  if ! command -v npm >/dev/null; then
    echo "The tests need npm (Debian's nodejs and npm packages)" >&2
    exit 1
  fi
  # the lock file that was installed, kept beside the packages: a changed one installs again
  cmp -s "$folder/package-lock.json" "$folder/node_modules/.alcove-installed-lock" && return 0
  echo "Installing the npm packages of tests/fhir"
  (cd "$folder" && npm ci --no-audit --no-fund)
  cp "$folder/package-lock.json" "$folder/node_modules/.alcove-installed-lock"
}

# The locales of the shipped translations, so the tests can start Alcove in each
ALCOVE_TEST_LOCALES=(de_DE.UTF-8 es_US.UTF-8)

alcove_generate_locales () {
  local missing=() locale
  for locale in "${ALCOVE_TEST_LOCALES[@]}"; do
    locale -a | grep -qix "${locale%.UTF-8}.utf8" || missing+=("$locale")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ]; then
    echo "The tests need these locales. Generate them with:" >&2
    for locale in "${missing[@]}"; do
      echo "  sudo localedef -i ${locale%.UTF-8} -f UTF-8 $locale" >&2
    done
    exit 1
  fi
  for locale in "${missing[@]}"; do
    echo "Generating the locale $locale"
    localedef -i "${locale%.UTF-8}" -f UTF-8 "$locale"
  done
}

# alcove_build DIR [SETUP-OPTION…] [-- TARGET…]: every target unless some are named
alcove_build () {
  local builddir=$1; shift
  local options=()
  while [ $# -gt 0 ] && [ "$1" != "--" ]; do
    options+=("$1"); shift
  done
  [ $# -gt 0 ] && shift
  if [ -f "$builddir/build.ninja" ]; then
    meson setup --reconfigure "$builddir" "${options[@]}" >/dev/null
  else
    meson setup "$builddir" "${options[@]}"
  fi
  meson compile -C "$builddir" "$@"
}
