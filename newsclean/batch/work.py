"""What a worker does with one input: process it (newsclean.process), render its articles, write.

Everything here runs in worker processes (or in the main process for -j1), so it takes and
returns small picklable values: paths in, a Result with rendered text or written paths out.
"""
from __future__ import annotations

import errno
import os
import re
import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field

from ..document import InputError
from ..extract.roles import Rule
from ..options import Options
from ..output import new_mode, render, write_atomically
from ..process import process_input
from .discover import display

EXTENSIONS = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "txt": ".txt"}
PAGE_EXTENSION = ".html"  # --explain-dir: DIR/a/b.html for a/b.txt
ONE_ARTICLE_FORMATS = ("md", "txt")  # formats of one article: a single run's records cannot share one


@dataclass(frozen=True)
class Job:
    """What to do with every input of a batch."""

    options: Options
    output_format: str = "json"  # json | jsonl | md | txt
    output_dir: str | None = None  # None: articles go to stdout as JSON Lines
    single: bool = False  # the one input of a run that is not a batch: stdout or output_file, in output_format
    output_file: str | None = None  # single: -o FILE
    explain: bool = False  # single: show every block's verdict instead of the articles
    dedup: bool = False  # compute duplicate keys (the main process decides and writes)
    near_dedup: bool = False  # also MinHash signatures (needs datasketch)
    timeout: float | None = None  # seconds per document

    @property
    def defer_writes(self) -> bool:
        """The main process writes when output order or duplicates matter: stdout, --dedup."""
        return self.output_dir is None or self.dedup


@dataclass(frozen=True)
class Task:
    path: str  # an OS path, or "-"
    out_base: str | None = None  # DIR/a/b for input a/b.txt (no extension); None without -o
    data: bytes | None = None  # stdin's bytes: the one input the main process reads itself
    page_base: str | None = None  # --explain-dir: its explain page is page_base + PAGE_EXTENSION


@dataclass
class Piece:
    """One article of an input, rendered."""

    text: str | None  # None once written by the worker
    path: str | None  # its output file (None on stdout)
    no_article: bool = False
    label: str = ""  # "a/feed.jsonl#3": how reports name it
    dedup_key: str | None = None
    signature: object = None  # a MinHash (--dedup with datasketch)
    duplicate_of: str | None = None  # set by the main process
    template_lines: int = 0  # lines dropped as the batch's site template (--learn)
    warnings: tuple[str, ...] = ()  # the article's (the report notes them)
    article: object = None  # the Article itself, for --explain (a single run cleans in the main process)


@dataclass
class Result:
    path: str  # the input, as given (an OS path)
    status: str = "ok"  # ok | no_article | failed | skipped | duplicate
    pieces: list[Piece] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    size: int = 0
    multi: bool = False  # one output per record in a folder (out_base/0001.json, ...)
    out_base: str | None = None
    usage_error: str | None = None  # a single run's input of records asked for in a format of one article
    note: str | None = None  # said of the input as a whole (grouped with the others of its kind)

    @property
    def outputs(self) -> list[str]:
        return [p.path for p in self.pieces if p.path and p.duplicate_of is None]

    @property
    def template_lines(self) -> int:
        return sum(p.template_lines for p in self.pieces)


class Terminated(BaseException):
    """SIGTERM in a worker (the pool kills its workers when one of them dies)."""


# Set in each worker process by init_worker: the main process sets it to stop the batch.
_stop: threading.Event | None = None
_parent: int | None = None  # the main process's id, in a worker
_PR_SET_PDEATHSIG = 1
_busy = False  # a worker is inside process_chunk
_terminated = False  # a worker was sent SIGTERM while its main process lives


def init_worker(stop) -> None:
    """Workers leave Ctrl-C to the main process, which stops them between inputs; so SIGTERM
    while the main process lives (a job scheduler signals the whole group: what a worker
    finished is then still reported); once it is gone, SIGTERM unwinds a task (so atomic writes
    remove their temporary files) and ends the process."""
    global _stop, _parent
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _on_sigterm)
    _stop, _parent = stop, os.getppid()
    _end_with_parent()


def _end_with_parent() -> None:
    """Linux: SIGTERM when the main process dies, even killed (SIGKILL): a worker left alone
    would go on writing outputs. Elsewhere the worker sees it between inputs (process_chunk)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # no libc prctl: not Linux
        pass


def stop_with(stop) -> None:
    """In the main process (-j1): process_chunk stops between inputs once `stop` is set."""
    global _stop
    _stop = stop


def stopped() -> bool:
    """Whether the batch stopped (Ctrl-C, SIGTERM, --fail-fast) or its main process is gone:
    asked by a worker between inputs."""
    return _terminated or _stop is not None and _stop.is_set() or _parent is not None and os.getppid() != _parent


def _on_sigterm(signum, frame):
    global _terminated
    if _parent is not None and os.getppid() == _parent:
        _terminated = True  # stop between inputs, as on Ctrl-C (a flag: no lock in a signal handler)
        return
    if _busy:
        raise Terminated
    os._exit(128 + signum)


def process_chunk(items: list[Task | Result], job: Job) -> list[Result]:
    """Clean a chunk of inputs in order; ready-made Results (skips, problems) pass through."""
    global _busy
    results = []
    _busy = True
    try:
        for item in items:
            if stopped():
                break
            results.append(item if isinstance(item, Result) else process(item, job))
    except Terminated:
        os._exit(128 + signal.SIGTERM)
    finally:
        _busy = False
    return results


def process(task: Task, job: Job) -> Result:
    result = Result(task.path, out_base=task.out_base)
    one_document = job.single and not job.explain and job.output_format in ONE_ARTICLE_FORMATS
    processed = process_input(task.path, job.options, data=task.data, timeout=job.timeout, one_document=one_document)
    result.size = processed.size
    if processed.several:
        result.usage_error = (f"{processed.source} holds several records, and --format {job.output_format} writes "
                              "one article: use -f jsonl (a line each), or -o DIR (a file each)")
        return result
    if processed.error:
        return _failed(result, processed.error)
    result.multi, items = processed.multi, processed.records
    if task.page_base:
        _write_page(task.page_base, [item for item in items if not isinstance(item, InputError)], result)
    # stdout takes JSON Lines, but for the one article of a single run (in its output format): one
    # by the input's records, not by those that survive (a failed record leaves JSON Lines)
    alone = job.single and len(items) == 1
    stream_format = job.output_format if alone else "jsonl"
    for number, item in enumerate(items, 1):
        if isinstance(item, InputError):
            result.errors.append(item.args[0])
        else:
            result.pieces.append(_piece(item, processed.source, task, job, number if result.multi else 0,
                                        len(items), stream_format))
    if not job.defer_writes and result.pieces:
        try:
            write_pieces(result)
        except OSError as error:
            return _failed(result, f"cannot write {display(error.filename or _out_base(result))}: "
                                   f"{error.strerror or error}")
        for piece in result.pieces:
            piece.text = None  # written: don't ship it back
    result.status = status_of(result)
    return result


def _write_page(page_base: str, articles: list, result: Result) -> None:
    """--explain-dir: the input's explain page (all its records on one page)."""
    from ..explain_page import explain_page

    try:
        write_atomically(page_base + PAGE_EXTENSION, explain_page(articles))
    except OSError as error:
        result.errors.append(f"cannot write {display(error.filename or page_base)}: {error.strerror or error}")


def status_of(result: Result) -> str:
    pieces = result.pieces
    if result.errors:
        return "failed"
    if pieces and all(p.duplicate_of for p in pieces):
        return "duplicate"
    if pieces and all(p.no_article for p in pieces):
        return "no_article"
    return "ok"


def _piece(article, label: str, task: Task, job: Job, number: int, count: int, stream_format: str) -> Piece:
    """Render an article (in stream_format when it goes to stdout); number > 0 for a record of a
    multi-record input (its file number)."""
    path = None
    if task.out_base:
        extension = EXTENSIONS[job.output_format]
        width = max(4, len(str(count)))
        path = os.path.join(task.out_base, f"{number:0{width}d}{extension}") if number else task.out_base + extension
    if number:
        label += f":{number}"  # the same "path:N" as the article's source
    text = None if job.explain else render(article, job.output_format if path else stream_format)
    piece = Piece(text, path, article.no_article, label, article=article if job.explain else None,
                  template_lines=sum(b.rule == Rule.TEMPLATE for b in article.blocks),
                  warnings=tuple(article.warnings))
    if job.dedup and not article.no_article:
        from .dedup import body_key, signature

        piece.dedup_key = body_key(article.paragraphs)
        piece.signature = signature(article.paragraphs) if job.near_dedup else None
    return piece


def _failed(result: Result, reason: str) -> Result:
    result.status, result.errors, result.pieces = "failed", [reason], []
    return result


def write_pieces(result: Result) -> None:
    """Write an input's articles atomically: a file, or a whole folder of records at once.

    A record folder is built under a hidden temporary name and renamed into place, so a folder
    that exists is complete (which --skip-existing relies on); an older one is replaced.
    """
    with _signals_deferred():
        _write_pieces(result)


def _write_pieces(result: Result) -> None:
    out_base = _out_base(result)
    files = [_file_of(p) for p in result.pieces if p.duplicate_of is None]
    if not result.multi:
        for path, text in files:
            write_atomically(path, text)  # (which makes the folders)
        return
    os.makedirs(os.path.dirname(out_base) or ".", exist_ok=True)
    import shutil  # a folder of records is rarer than a run that does not need these imports
    import tempfile

    parent, name = os.path.split(out_base)
    temporary = tempfile.mkdtemp(dir=parent or ".", prefix=f".newsclean-{name}-", suffix=".tmp")
    try:
        os.chmod(temporary, new_mode(out_base, 0o777))
        for path, text in files:
            with open(os.path.join(temporary, os.path.basename(path)), "w", encoding="utf-8",
                      newline="\n") as stream:
                stream.write(text)
        _replace_dir(temporary, out_base)
    except BaseException:
        shutil.rmtree(temporary, ignore_errors=True)
        raise


def _out_base(result: Result) -> str:
    # pieces are written only under -o DIR, which gives every input its out_base
    assert result.out_base is not None
    return result.out_base


def _file_of(piece: Piece) -> tuple[str, str]:
    """(path, text) of a piece to write: under -o DIR each has its path, and its text until written
    (--explain, which renders none, is for a single run only)."""
    assert piece.path is not None and piece.text is not None
    return piece.path, piece.text


@contextmanager
def _signals_deferred():
    """Hold Ctrl-C and SIGTERM until the block is done: a write is short, and a signal that
    lands between creating a temporary file and its try-block would leave the file behind."""
    held = {signal.SIGINT, signal.SIGTERM}
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _replace_dir(new: str, target: str) -> None:
    if not os.path.lexists(target):
        os.replace(new, target)
        return
    if os.path.islink(target) or not os.path.isdir(target) or not _holds_only_records(target):
        # a folder (or a file) of the user's that has the output's name: never deleted for it
        raise OSError(errno.EEXIST, "something other than a folder of records is there: not replaced", target)
    import shutil

    old = new + ".old"
    os.rename(target, old)
    os.rename(new, target)
    shutil.rmtree(old, ignore_errors=True)


_RECORD_FILE = re.compile(r"\d{4,}(?:" + "|".join(map(re.escape, EXTENSIONS.values())) + ")")


def _record_files(folder: str) -> int | None:
    """How many record files (0001.json...) a folder holds; None when it holds anything else
    (then it is not one that newsclean wrote)."""
    count = 0
    with os.scandir(folder) as entries:
        for entry in entries:
            if not (entry.is_file(follow_symlinks=False) and _RECORD_FILE.fullmatch(entry.name)):
                return None
            count += 1
    return count


def _holds_only_records(folder: str) -> bool:
    return _record_files(folder) is not None


def is_record_folder(path: str) -> bool:
    """Whether a records input's output folder is there, written (newsclean writes one whole or
    not at all: an empty folder, or one of other files, is not one)."""
    return os.path.isdir(path) and not os.path.islink(path) and bool(_record_files(path))
