"""``python -m generator`` runs the ``guide`` command."""

from generator.cli import main

main()
