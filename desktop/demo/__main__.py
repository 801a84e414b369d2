"""``python -m desktop.demo``: run the built-in demo intranet (same options as demo-server)."""

from __future__ import annotations

import sys

from desktop.demo.server import main

if __name__ == "__main__":
    sys.exit(main())
