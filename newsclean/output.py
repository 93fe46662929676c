"""Writing articles: rendering in an output format, and atomic writes that keep file modes."""
from __future__ import annotations

import errno
import os
import stat
import sys
from typing import TextIO

from .article import Article


def render(article: Article, output_format: str) -> str:
    """An article in one of the output formats, ending with a newline (json pretty, jsonl one line)."""
    if output_format == "md":
        return article.to_markdown()
    if output_format == "txt":
        return article.to_text()
    return article.to_json(indent=2 if output_format == "json" else None) + "\n"


def stdout() -> TextIO:
    """sys.stdout; OSError (EBADF) when the process was started without it (`>&-`), where click
    would drop whatever is written."""
    if sys.stdout is None:
        raise OSError(errno.EBADF, "stdout is closed")
    return sys.stdout


def new_mode(path: str, default: int = 0o666) -> int:
    """The mode for a file (or, default 0o777, a directory) about to replace `path`: the mode of
    what is there already, else `default` less the umask -- as open() or mkdir() would give."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        mask = os.umask(0)  # the only way to read the umask is to set it
        os.umask(mask)
        return default & ~mask


def temporary_beside(path: str, named: bool = False) -> tuple[int, str]:
    """(descriptor, name) of a new hidden temporary file in the directory of `path`, to be moved
    into place by move_into_place() when complete (a rename within a directory is atomic; the
    hidden name keeps it out of a batch that walks that directory). Its mode is already the one
    `path` will have. For a device or a pipe that the user `named` (`-o /dev/stdout`) it is made
    in the temporary directory: its content is copied there."""
    import tempfile  # only when writing a file: one import less at every start

    folder = tempfile.gettempdir() if named and _in_place(path) else os.path.dirname(os.path.abspath(path))
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".newsclean-", suffix=".tmp")
    try:
        os.fchmod(descriptor, new_mode(path))
    except BaseException:
        os.close(descriptor)
        os.unlink(name)
        raise
    return descriptor, name


def move_into_place(temporary: str, path: str, named: bool = False) -> None:
    """Rename the complete temporary file onto `path`; into a device or a pipe the user `named`,
    copy it (the special file stays what it is; in a batch's output folder it is replaced)."""
    if not (named and _in_place(path)):
        os.replace(temporary, path)
        return
    import shutil

    with open(temporary, "rb") as source, open(path, "wb") as sink:
        shutil.copyfileobj(source, sink)
    os.unlink(temporary)


def named_file(path: str) -> str:
    """What an output file the user named stands for: the file a symbolic link points to (the
    link stays), else `path` (a batch replaces links in its output folder: they may lead anywhere)."""
    return os.path.realpath(path) if os.path.islink(path) and not _in_place(path) else path


def _in_place(path: str) -> bool:
    """Whether `path` is written into rather than replaced: a character or block device, a pipe
    or a socket, or what /dev or /proc name (/dev/stdout is a link to the descriptor's file)."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) or os.path.realpath(path).startswith(("/dev/", "/proc/"))


def write_atomically(path: str, text: str, named: bool = False) -> None:
    """Write via a temporary file in the same directory (made, with its parents, when missing)
    and rename it: no partial file, ever. An OSError names `path`, never the temporary file.
    `named`: a file the user named (see named_file), not one of a batch's outputs."""
    try:
        if named:
            path = named_file(path)
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        _write_and_rename(path, text, named)
    except FileExistsError:  # a folder on the way is a file: what open() would say of the path
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path) from None
    except OSError as error:
        raise OSError(error.errno, error.strerror, path) from None


def _write_and_rename(path: str, text: str, named: bool) -> None:
    descriptor, temporary = temporary_beside(path, named)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        move_into_place(temporary, path, named)
    except BaseException:
        if os.path.exists(temporary):
            os.unlink(temporary)
        raise
