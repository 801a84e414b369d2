#!/bin/sh
# Build the one-folder desktop app into dist/dialogue-desk/ and check it starts.
#   scripts/build.sh              # release the .qm files, run PyInstaller, run the self-test
#   SKIP_SELF_TEST=1 scripts/build.sh
#   DIST=/tmp/out WORK=/tmp/work scripts/build.sh     # elsewhere than dist/ and build/
# Needs the `build` extra in the venv: .venv/bin/pip install -e '.[build]'
# The self-test opens the main window offscreen on a throwaway demo profile (the built-in demo
# intranet started by the frozen program itself) and exits 0 when the window is shown and
# filled from the demo's queue.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
DIST=${DIST:-dist}
WORK=${WORK:-build/pyinstaller}

"$PY" scripts/i18n.py release
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$DIST" --workpath "$WORK" build.spec

APP=$DIST/dialogue-desk/dialogue-desk
echo "built $APP ($(du -sh "$DIST/dialogue-desk" | cut -f1))"
if [ "${SKIP_SELF_TEST:-0}" != 1 ]; then
    PROFILE=$(mktemp -d)
    trap 'rm -rf "$PROFILE"' EXIT
    QT_QPA_PLATFORM=offscreen "$APP" --profile "$PROFILE/demo" --self-test
fi
