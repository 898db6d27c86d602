"""Benchmark of the portal build next to plain Pelican, Hugo and Pagefind.

    python -m generators.bench [--sizes 10000 100000] [--quick] [--out .bench]

See docs/benchmarks.md for what is measured and the latest figures.
"""
