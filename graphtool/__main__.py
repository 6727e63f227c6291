"""``python -m graphtool``: the same as the ``graphtool`` command."""

from graphtool.cli import main

main()
