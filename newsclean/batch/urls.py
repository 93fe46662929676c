"""Inputs named by fsspec URLs (s3://bucket/news/, gs://..., file:///..., memory://...):
discovery and reading, with the same order, names and limits as local paths.

fsspec (and the package of the URL's file system, such as s3fs or gcsfs) is imported only
when a URL is met.
"""
from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from .discover import Filters, Found, Problem


def _file_system(url: str):
    """(file system, path) of a URL; OSError when the packages it needs are not installed."""
    scheme = url.split("://")[0]
    try:
        from fsspec.core import url_to_fs
    except ImportError:
        raise OSError(f"reading {scheme}:// URLs needs fsspec (pip install fsspec)") from None
    try:
        return url_to_fs(url)
    except ImportError as error:  # fsspec knows the scheme, its package is missing ("Install s3fs to ...")
        raise OSError(f"reading {scheme}:// URLs: {error}") from None


def is_url_directory(url: str) -> bool:
    try:
        fs, path = _file_system(url)
        return fs.isdir(path)
    except (OSError, ValueError):
        return False  # discovery reports the problem


def discover_url(url: str, filters: Filters = Filters()) -> Iterator[Found | Problem]:
    """The input files at a URL, like discover() for a local path: the same order, hidden
    entries skipped, filters applied to what is found in a directory."""
    try:
        fs, root = _file_system(url)
        info = fs.info(root)
    except FileNotFoundError:
        yield Problem(url, "No such file or directory")
        return
    except (OSError, ValueError) as error:
        yield Problem(url, getattr(error, "strerror", None) or str(error) or type(error).__name__)
        return
    if info["type"] != "directory":
        yield Found(url, root.rstrip("/").rsplit("/", 1)[-1])
        return
    prefix = root.rstrip("/") + "/"
    found = []
    for path in fs.find(root):
        rel = path[len(prefix):] if path.startswith(prefix) else path.rsplit("/", 1)[-1]
        parts = rel.split("/")
        if any(part.startswith(".") for part in parts):
            continue
        if all(filters.wants_dir("/".join(parts[:i])) for i in range(1, len(parts))) and filters.wants_file(rel):
            path_as_given = f"{url.rstrip('/')}/{rel}"  # s3://bucket/news/a.txt, as the user spells it
            found.append((_walk_order(parts), Found(path_as_given, rel, walked=True)))
    found.sort(key=lambda pair: pair[0])
    for _, item in found:
        yield item


def _walk_order(parts: list[str]) -> list[tuple[bool, str]]:
    """The sort key that gives discover()'s order: depth-first, a directory's files before its
    subdirectories, each in name order."""
    return [(True, name) for name in parts[:-1]] + [(False, parts[-1])]


@contextmanager
def open_url(url: str):
    """(stream, size) of the file at a URL; errors are OSErrors, like open()'s."""
    fs, path = _file_system(url)
    if fs.isdir(path):
        raise IsADirectoryError(21, "Is a directory", url)
    size = fs.size(path)
    with fs.open(path, "rb") as stream:
        yield stream, size
