"""newsclean: clean Cyrillic news dumps (innerText, HTML, JSON Lines) into one clean article.

    from newsclean import clean
    article = clean(open("dump.txt", "rb").read())
    print(article.title, article.paragraphs)
"""
from __future__ import annotations

from importlib import import_module

__version__ = "0.1.0"
__all__ = ["Article", "InputError", "Options", "clean", "clean_many", "__version__"]

# Imported on first use, so that `newsclean --version` and `--help` start instantly.
_LAZY = {"Article": ".article", "InputError": ".document", "Options": ".options",
         "clean": ".pipeline", "clean_many": ".pipeline"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'newsclean' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(__all__)
