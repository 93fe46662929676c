"""Finding the inputs of a batch: files, directories (recursive), stdin, --files-from lists.

Discovery is a generator, so a huge tree is never held in memory. It yields a Found for every
input file, a Problem for every path that cannot be one (broken link, loop, unreadable dir) and a
Skip for a link to a file that the walk reaches by its own path (cleaned once, under that path).
"""
from __future__ import annotations

import errno
import fnmatch
import os
import re
import stat
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO

STDIN = "-"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+://")  # two letters or more: "C:\\" is a path


@dataclass(frozen=True)
class Found:
    path: str  # an OS path (may hold surrogate escapes), or "-" for stdin
    rel: str  # where its outputs go, relative to -o DIR ("a/b.txt" -> DIR/a/b.json)
    walked: bool = False  # found in a directory (its siblings come right before and after it)
    stream: bool = False  # stdin or a named pipe: read once, by the main process


@dataclass(frozen=True)
class Problem:
    path: str
    reason: str


@dataclass(frozen=True)
class Skip:
    """A path found in a walk that is not an input of its own: a link to a file the walk reads itself."""

    path: str
    reason: str


LINKED = "a link to a file cleaned under its own path"  # (in the same walk)


@dataclass(frozen=True)
class Filters:
    include: tuple[str, ...] = ()  # glob patterns; a file in a directory must match one (if any)
    exclude: tuple[str, ...] = ()  # glob patterns; a matching file or directory is skipped

    def wants_file(self, rel: str) -> bool:
        if self.include and not _matches(rel, self.include):
            return False
        return not _matches(rel, self.exclude)

    def wants_dir(self, rel: str) -> bool:
        return not _matches(rel, self.exclude)


def _matches(rel: str, patterns: tuple[str, ...]) -> bool:
    """A pattern matches the relative path ("ru/*.txt") or the name alone ("*.txt", "drafts")."""
    name = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatchcase(rel, p) or fnmatch.fnmatchcase(name, p) for p in patterns)


def has_scheme(path: str) -> bool:
    """An fsspec URL ("s3://...", "gs://...", "file://..."), not an OS path."""
    return bool(_SCHEME.match(path))


def display(path: str) -> str:
    """A path safe to print on one line: undecodable bytes as \\xNN, control characters escaped."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def stdin_is_closed() -> bool:
    """Whether the process was started with no stdin at all (`newsclean - <&-`)."""
    return sys.stdin is None


def stdin_bytes() -> BinaryIO:
    """stdin as bytes; OSError (EBADF) when it is closed."""
    if stdin_is_closed():
        raise OSError(errno.EBADF, "stdin is closed")
    return sys.stdin.buffer


def read_path_list(source: str, null_separated: bool = False) -> Iterator[str]:
    """--files-from: one path a line, or NUL-separated (-0, as find -print0 writes them); "-"
    reads stdin; blank names are ignored. Bytes are kept."""
    stream = stdin_bytes() if source == STDIN else open(source, "rb")  # noqa: SIM115 (closed below)
    with stream:
        names = stream.read().split(b"\0") if null_separated else (line.rstrip(b"\r\n") for line in stream)
        for name in names:
            if name.strip():
                yield os.fsdecode(name)


def discover(paths: Iterable[str], filters: Filters = Filters(), skip_dir: str | None = None
             ) -> Iterator[Found | Problem | Skip]:
    """Every input file under `paths`, in order; directories are walked in name order.

    Hidden files and directories, and `skip_dir` (the output directory), are skipped inside
    directories; filters apply to files found in directories, not to files named explicitly.
    A path with a scheme (s3://bucket/news/) is walked through fsspec, in the same order.
    """
    skip = _dir_id(skip_dir)
    visited: set[tuple[int, int]] = set()
    named: set[tuple[int, int]] = set()  # files named so far: one named twice is cleaned once
    for path in paths:
        if path == STDIN:
            yield Found(STDIN, "stdin", stream=True)
            continue
        if has_scheme(path):
            from .urls import discover_url

            yield from discover_url(path, filters)
            continue
        if "\0" in path:  # read from --files-from without -0 (no command line argument holds one)
            yield Problem(path, "a NUL character in the name (for NUL-separated --files-from names, add -0)")
            continue
        try:
            info = os.stat(path)
        except OSError as error:
            yield Problem(path, _stat_error(path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, filters, skip, visited, named)
        elif stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode):  # (a pipe named: `newsclean <(curl ...)`)
            # named before (or found in a directory walked before, when no filter could have left it out)
            walked = not (filters.include or filters.exclude) and _dir_id(os.path.dirname(path) or ".") in visited
            if (info.st_dev, info.st_ino) not in named and not walked:
                named.add((info.st_dev, info.st_ino))
                yield Found(path, _given_rel(path), stream=stat.S_ISFIFO(info.st_mode))
        else:
            yield Problem(path, "not a regular file")


def _walk(root: str, filters: Filters, skip, visited: set, named: set) -> Iterator[Found | Problem | Skip]:
    """Depth-first, iteratively (no recursion limit): a directory's files, then its subdirectories,
    each in name order. Follows directory links, never into a loop; a directory reached twice is
    walked once; a file link whose target the walk reaches by its own path is skipped."""
    root_id, real_root = _dir_id(root), os.path.realpath(root)
    visited.add(root_id)
    stack = [_listing(root, "", frozenset({root_id}))]
    while stack:
        try:
            entry, rel, ancestors = next(stack[-1])
        except StopIteration:
            stack.pop()
            continue
        if isinstance(entry, Problem):
            yield entry
            continue
        try:
            info = entry.stat()  # follows links
        except OSError as error:
            if filters.wants_file(rel):  # (a broken link or a loop the filters leave out is none of theirs)
                yield Problem(entry.path, _stat_error(entry.path, error))
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key == skip or not filters.wants_dir(rel):
                continue
            if key in ancestors:
                yield Problem(entry.path, "directory link loop (not followed)")
            elif key not in visited:
                visited.add(key)
                stack.append(_listing(entry.path, rel, ancestors | {key}))
        elif stat.S_ISREG(info.st_mode):
            if not filters.wants_file(rel) or (info.st_dev, info.st_ino) in named:
                continue
            if entry.is_symlink() and _walked_itself(os.path.realpath(entry.path), real_root, filters, skip):
                yield Skip(entry.path, LINKED)
            else:
                yield Found(entry.path, rel, walked=True)
        elif filters.wants_file(rel):
            yield Problem(entry.path, "not a regular file")


def _walked_itself(target: str, real_root: str, filters: Filters, skip) -> bool:
    """Whether a walk of `real_root` reaches the file `target` (a real path) by that path: it lies
    below the root, through no hidden, excluded or output directory, and the filters want it. (A
    directory reached first through a link is walked there instead: the file is still read once.)"""
    rel = os.path.relpath(target, real_root)
    parts = rel.split(os.sep)
    if rel.startswith(os.pardir) or any(part.startswith(".") for part in parts):
        return False
    folders = ["/".join(parts[:i]) for i in range(1, len(parts))]
    if not all(filters.wants_dir(folder) for folder in folders) or not filters.wants_file("/".join(parts)):
        return False
    return skip is None or all(_dir_id(os.path.join(real_root, folder)) != skip for folder in folders)


def _listing(directory: str, rel: str, ancestors: frozenset) -> Iterator[tuple]:
    """(entry, its relative path, ancestors' ids) for a directory's visible entries: files first."""
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: (_is_dir(e), e.name))
    except OSError as error:
        yield Problem(directory, f"cannot list directory: {error.strerror or error}"), rel, ancestors
        return
    for entry in entries:
        if not entry.name.startswith("."):
            yield entry, f"{rel}/{entry.name}" if rel else entry.name, ancestors


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _dir_id(path: str | None) -> tuple[int, int] | None:
    try:
        info = os.stat(path) if path else None
    except OSError:
        return None
    return (info.st_dev, info.st_ino) if info else None


def _given_rel(path: str) -> str:
    """A file named on the command line keeps its path under -o DIR, without a leading "/" or
    "../" parts (as tar does): /data/a.txt -> DIR/data/a.json, ../x/a.txt -> DIR/x/a.json."""
    parts = os.path.normpath(path).replace(os.sep, "/").split("/")
    return "/".join(p for p in parts if p not in ("", ".", ".."))


def _stat_error(path: str, error: OSError) -> str:
    if isinstance(error, FileNotFoundError) and os.path.islink(path):
        return "broken symbolic link"
    if error.errno == errno.ELOOP:  # a link that points to itself, directly or not
        return "symbolic link loop"
    return error.strerror or str(error)
