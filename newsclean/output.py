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


def temporary_beside(path: str) -> tuple[int, str]:
    """(descriptor, name) of a new hidden temporary file in `path`'s directory, to be renamed
    onto `path` when complete (a rename within a directory is atomic; the hidden name keeps it
    out of a batch that walks that directory). Its mode is already the one `path` will have."""
    import tempfile  # only when writing a file: one import less at every start

    descriptor, name = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".newsclean-",
                                        suffix=".tmp")
    try:
        os.fchmod(descriptor, new_mode(path))
    except BaseException:
        os.close(descriptor)
        os.unlink(name)
        raise
    return descriptor, name


COMPRESSIONS = (".gz", ".bz2", ".xz")  # an output file named so is written compressed


def compression_of(path: str) -> str | None:
    """The compression an output file's name asks for (a.json.gz: .gz), if any."""
    return next((suffix for suffix in COMPRESSIONS if path.lower().endswith(suffix)), None)


def write_atomically(path: str, text: str, named: bool = False) -> None:
    """Write via a temporary file in the same directory (made, with its parents, when missing)
    and rename it: no partial file, ever. An OSError names `path`, never the temporary file. A
    name ending in .gz, .bz2 or .xz is written compressed so (gzip with no time or name in its
    header: the same text gives the same bytes). A file the user `named` (-o FILE) is written
    through a symbolic link (named_file), and into a device or a pipe (`-o /dev/stdout`, a FIFO),
    as cp does: a rename would put a file in its place. (In a batch's output folder links and
    special files are replaced: a link there may lead anywhere, a pipe nobody reads would block.)"""
    try:
        if named:
            path = named_file(path)
            if is_special(path):
                with open(path, "wb") as raw:
                    _write_text(raw, path, text)
                return
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        _write_and_rename(path, text)
    except FileExistsError:  # a folder on the way is a file: what open() would say of the path
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), path) from None
    except OSError as error:
        raise OSError(error.errno, error.strerror, path) from None


def is_special(path: str) -> bool:
    """Whether `path` is (or links to) something other than a file or a folder (a device, a
    pipe), or is what /dev or /proc name (/dev/stdout links to the descriptor's file)."""
    try:
        mode = os.stat(path).st_mode
    except (OSError, ValueError):
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)) or os.path.realpath(path).startswith(("/dev/", "/proc/"))


def named_file(path: str) -> str:
    """What an output file the user named stands for: the file a symbolic link points to (the
    link stays), else `path`. A loop of links is an OSError (a rename would replace the link)."""
    if not os.path.islink(path):
        return path
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP), path) from None
    return path if is_special(path) else os.path.realpath(path)


def _write_and_rename(path: str, text: str) -> None:
    descriptor, temporary = temporary_beside(path)
    try:
        with os.fdopen(descriptor, "wb") as raw:
            _write_text(raw, path, text)
        os.replace(temporary, path)
    except BaseException:
        os.unlink(temporary)
        raise


def _write_text(raw, path: str, text: str) -> None:
    """The text as UTF-8 into a binary stream, compressed when `path`'s name asks for it."""
    compression = compression_of(path)
    if compression:
        with _compressed(raw, compression) as stream:
            stream.write(text.encode("utf-8"))
    else:
        raw.write(text.encode("utf-8"))


def _compressed(raw, compression: str):
    """A stream that writes `raw` compressed (imported only for such a name)."""
    if compression == ".gz":
        import gzip

        return gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="")
    if compression == ".bz2":
        import bz2

        return bz2.BZ2File(raw, "wb")
    import lzma

    return lzma.LZMAFile(raw, "wb")
