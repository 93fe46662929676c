"""The `newsclean` command: answers --version before importing click and the pipeline.

Everything else goes to the click command in cli.py; the version text is click's own format.
"""
from __future__ import annotations

import sys


def run() -> None:
    if sys.argv[1:] in (["--version"], ["-V"]):
        from . import __version__

        print(f"newsclean, version {__version__}")
        return
    from .cli import main

    main()
