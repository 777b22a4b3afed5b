"""glute-tui's benchmark suite: `python -m benchmarks [--quick]` (or `make bench`)."""
