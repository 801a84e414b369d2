# Shortcuts for people who like make; scripts/dev.sh does the work.
.PHONY: demo test bench setup i18n screenshots build
demo:
	./scripts/dev.sh demo
test:
	./scripts/dev.sh test
bench:
	./scripts/dev.sh bench
setup:
	./scripts/dev.sh setup
i18n:
	.venv/bin/python scripts/i18n.py update && .venv/bin/python scripts/i18n.py release
screenshots:
	./scripts/screenshots.sh
	./scripts/screenshots.sh scenes
build:
	.venv/bin/pip install -q -e '.[build]' && ./scripts/build.sh
