"""The scale benchmark of Dialogue Desk: ``python -m bench`` (or ``scripts/dev.sh bench``).

Not a test: CI does not run it (tests/test_bench_smoke.py runs its smallest mode). It builds its
own data with the demo generator, measures, and writes docs/benchmarks.md and .json.
"""
