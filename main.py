"""Start the FieldKit desktop app (also the bundle's entry script; see ui/launch.py)."""

import multiprocessing
import sys

from ui.launch import main

if __name__ == "__main__":
    # Report builds run in worker processes ("spawn"): in the bundle, a worker starts
    # as this program and must become a worker here, not a second app.
    multiprocessing.freeze_support()
    sys.exit(main())
