"""Benchmarks: each writes its figures (median, p95, memory, ratios) to benchmarks/<name>.json and .md."""
