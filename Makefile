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

bench: setup
	.venv/bin/python bench/run_all.py
