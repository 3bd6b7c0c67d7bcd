"""Start the FieldKit desktop app (also the bundle's entry script; see ui/launch.py)."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
