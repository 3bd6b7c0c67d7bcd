"""Entry script of the bundle's ``fieldkit-cli`` program (the ``fieldkit`` command)."""

import sys

from fieldkit.cli import main

if __name__ == "__main__":
    sys.exit(main())
