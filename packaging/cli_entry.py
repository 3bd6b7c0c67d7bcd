"""Entry script of the bundle's ``fieldkit-cli`` program (the ``fieldkit`` command)."""

import multiprocessing
import sys

from fieldkit.cli import main

if __name__ == "__main__":
    # Report builds run in worker processes ("spawn"): in the bundle, a worker starts
    # as this program and must become a worker here, not a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
