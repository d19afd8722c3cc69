#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Installs what is missing (apt-get when root, else prints the one command to run), builds,
# and starts Alcove from the build folder.
set -euo pipefail
cd "$(dirname "$0")"
source tools/setup.sh

alcove_install_packages
alcove_build _build-dev -Dprofile=development
exec env GSETTINGS_SCHEMA_DIR="$PWD/_build-dev/data" ./_build-dev/src/gui/alcove "$@"
