"""Benchmarks of veille against an SQLite FTS5 baseline (issue #7).

Run `python -m benchmarks --help`. Synthetic newsletters are generated from the seed issue's
own material, written as real files, extracted and indexed by the product itself; every
figure is set beside what SQLite FTS5 does with the same entries and queries.
"""
