"""Benchmarks: ``python -m bench`` (or ``make bench``) prints one table, writes results.json."""
