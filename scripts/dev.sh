#!/usr/bin/env bash
# One entry point for people and CI:
#   scripts/dev.sh demo     install, then run the desk on the built-in demo intranet
#   scripts/dev.sh test     install (incl. system packages and a local WordPress), run ruff,
#                           mypy and the import-cycle check, then every test
#                           (--no-wordpress: leave the WordPress tests out, said in the summary)
#   scripts/dev.sh bench    install, then run the benchmark suite (writes docs/benchmarks.*)
#   scripts/dev.sh setup    only install
# Works on a fresh Debian 12 with Python 3.11: system packages come from apt-get (as root, or
# via sudo), Python packages into .venv from PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
VENV=${VENV:-$ROOT/.venv}
PY=${PYTHON:-python3}

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "need root for: $*" >&2; return 1; fi
}

apt_missing() {  # print the packages of "$@" that are not installed
  for p in "$@"; do dpkg -s "$p" >/dev/null 2>&1 || echo "$p"; done
}

apt_install() {
  local missing
  missing=$(apt_missing "$@")
  [ -z "$missing" ] && return 0
  echo "Installing system packages: $missing"
  as_root apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

system_deps() {
  command -v dpkg >/dev/null || return 0  # not Debian: bring Qt's libraries yourself
  # Qt's offscreen/xcb platforms and fonts; python3-venv for a Debian system Python.
  apt_install libegl1 libgl1 libxkbcommon0 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core
  # dbus-run-session: the notification tests own org.freedesktop.Notifications on a private bus
  apt_install dbus
  if ! "$PY" -m venv --help >/dev/null 2>&1; then apt_install python3-venv; fi
}

python_deps() {
  local extras=$1
  if [ ! -x "$VENV/bin/python" ]; then
    "$PY" -m venv "$VENV" || { apt_install python3-venv && "$PY" -m venv "$VENV"; }
  fi
  "$VENV/bin/python" -m pip install -q --upgrade pip >/dev/null
  "$VENV/bin/python" -m pip install -q -e ".[$extras]"
}

translations() {  # i18n/*.qm: built, not committed (English needs its plural forms too)
  "$VENV/bin/python" scripts/i18n.py release >/dev/null
}

case "${1:-}" in
  setup)
    system_deps; python_deps test; translations ;;
  demo)
    system_deps; python_deps test; translations
    shift; exec "$VENV/bin/dialogue-desk" --demo "$@" ;;
  test)
    system_deps
    shift
    # The WordPress tests need a real WordPress with MariaDB on 127.0.0.1 (see
    # tests/wordpress_env.py); without it they fail. `--no-wordpress` (passed on to pytest)
    # leaves them out, and then the packages are not installed either.
    want_wordpress=1
    for arg in "$@"; do [ "$arg" = --no-wordpress ] && want_wordpress=0; done
    if [ "$want_wordpress" = 1 ] && command -v dpkg >/dev/null; then
      as_root bash scripts/wordpress/install-packages.sh
    fi
    python_deps test
    # the window tests read German, Norwegian and English plurals from the built catalogues
    translations
    export QT_QPA_PLATFORM=offscreen
    # The static checks first; any finding fails the run before a test starts (mypy reports
    # its warn_* findings as errors): lint, types, import cycles (tests/test_layering.py
    # checks the cycles again, with the rest of the tests).
    "$VENV/bin/python" -m ruff check desktop tests scripts bench
    "$VENV/bin/python" -m mypy
    "$VENV/bin/python" scripts/import_graph.py --quiet
    exec "$VENV/bin/python" -m pytest "$@" ;;
  bench)
    system_deps; python_deps test
    shift; QT_QPA_PLATFORM=offscreen exec "$VENV/bin/python" -m bench "$@" ;;
  *)
    sed -n '2,10p' "$0"; exit 2 ;;
esac
