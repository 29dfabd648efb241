# The two commands of the README: `make run` (set up, build the graph if needed, serve it) and
# `make test` (set up, run the test suite). Both do all set-up on a fresh machine.
.PHONY: setup run build test bench

setup:
	./scripts/setup.sh

run: setup
	.venv/bin/spinekg serve

build: setup
	.venv/bin/spinekg build

test: setup
	.venv/bin/pytest

# Benchmarks are run by hand (never in CI); each prints its own table.
bench: setup
	.venv/bin/python -m bench.bench_sparql
	.venv/bin/python -m bench.bench_pages
	.venv/bin/python -m bench.bench_ddx --http
	.venv/bin/python -m bench.bench_extract
