"""``python -m kg`` runs the ``spinekg`` command."""

from kg.cli import main

main()
