#!/bin/sh
# Screenshots of the desk (light and dark, a thread open) under Xvfb, into docs/.
#   scripts/screenshots.sh            # needs Xvfb + ImageMagick; installs them with apt if missing
#   scripts/screenshots.sh plone      # docs/desk-plone.png: the desk on a real Plone (loopback)
#   scripts/screenshots.sh scenes [NAME ...]  # the views' named scenes (scripts/scenes.py --list)
# The desk runs on a throwaway demo profile with the built-in demo intranet (no network), or on
# a profile synced from a freshly seeded Plone (scripts/plone/desk_profile.py).
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}

if ! command -v Xvfb >/dev/null || ! command -v import >/dev/null \
   || ! ldconfig -p | grep -q libxcb-icccm.so.4 || ! ldconfig -p | grep -q libxcb-keysyms.so.1; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq xvfb xdotool imagemagick libxcb-cursor0 libxcb-icccm4 \
        libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
        libxkbcommon-x11-0 libegl1 libfontconfig1 libdbus-1-3
fi

WORK=$(mktemp -d)
DISPLAY_NO=:97
Xvfb $DISPLAY_NO -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
XVFB=$!
trap 'kill $XVFB 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 1

shot() {  # $1 = light|dark
    dark=0; [ "$1" = dark ] && dark=1
    DISPLAY=$DISPLAY_NO QT_QPA_PLATFORM=xcb DIALOGUE_DESK_DARK=$dark \
    DIALOGUE_DESK_PROFILE="$WORK/$1/default" DIALOGUE_DESK_QUIT_AFTER=9 \
    DIALOGUE_DESK_SELECT_ROW=1 \
        "$PY" -m desktop --demo >"$WORK/$1.log" 2>&1 &
    app=$!
    sleep 7
    DISPLAY=$DISPLAY_NO import -window root "docs/desk-$1.png"
    wait $app || { cat "$WORK/$1.log"; exit 1; }
    echo "docs/desk-$1.png: $(convert "docs/desk-$1.png" -format %k info:) colours"
}
plone_shot() {
    "$PY" scripts/plone/desk_profile.py start "$WORK/plone" >"$WORK/plone.env"
    trap 'PYTHONPATH=. "$PY" scripts/plone/desk_profile.py stop "$WORK/plone" || true;
          kill $XVFB 2>/dev/null || true; rm -rf "$WORK"' EXIT
    . "$WORK/plone.env"
    DISPLAY=$DISPLAY_NO QT_QPA_PLATFORM=xcb DIALOGUE_DESK_DARK=0 \
    DIALOGUE_DESK_PROFILE="$PROFILE" DIALOGUE_DESK_SECRET_INTRANET="$DIALOGUE_DESK_SECRET_INTRANET" \
    DIALOGUE_DESK_QUIT_AFTER=11 DIALOGUE_DESK_SELECT_ROW=1 \
        "$PY" -m desktop >"$WORK/plone.log" 2>&1 &
    app=$!
    sleep 9
    DISPLAY=$DISPLAY_NO import -window root docs/desk-plone.png
    wait $app || { cat "$WORK/plone.log"; exit 1; }
    echo "docs/desk-plone.png: $(convert docs/desk-plone.png -format %k info:) colours"
}
if [ "${1:-}" = plone ]; then
    plone_shot
elif [ "${1:-}" = scenes ]; then
    shift
    DISPLAY=$DISPLAY_NO QT_QPA_PLATFORM=xcb PYTHONPATH=. "$PY" scripts/scenes.py "$@"
else
    shot light
    shot dark
fi
