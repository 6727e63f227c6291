"""``python -m graphtool``: the same as the ``graphtool`` command."""

import sys

try:
    from graphtool.cli import main
except KeyboardInterrupt:  # Ctrl-C while the modules load: the same one line as later
    sys.stderr.write("interrupted\n")
    sys.exit(130)

main()
