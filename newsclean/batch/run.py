"""Running a batch: discover inputs, (learn the template), clean in worker processes, keep order.

The main process streams paths to the workers in small chunks through a bounded window of
futures, so memory does not grow with the batch, and takes results in input order: it writes
stdout (and, with --dedup, the files), feeds the Report and the progress bar. A run with one
input is a batch of one, cleaned in this process (Job.single: its article on stdout or in -o FILE).

A batch that stops early (Ctrl-C, --fail-fast, stdout closed) starts no new input; the inputs
the workers are on are finished, written and reported, so the report lists every output that
exists, and no process is left when run_batch returns.
"""
from __future__ import annotations

import errno
import os
import signal
import stat
import threading
from bisect import bisect_left
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, replace
from itertools import chain, islice
from typing import TYPE_CHECKING, Any, cast

import click

from ..document import InputError
from ..output import stdout, write_atomically
from ..process import read_input
from ..readers import holds_records
from . import learn
from .discover import STDIN, Filters, Found, Problem, Skip, discover, display, has_scheme, read_path_list
from .report import EXIT_FAILED, EXIT_OK, EXIT_STDOUT_CLOSED, Report
from .work import (
    EXTENSIONS,
    PAGE_EXTENSION,
    Job,
    Result,
    Task,
    init_worker,
    is_record_folder,
    process_chunk,
    status_of,
    stop_with,
    write_pieces,
)

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from ..article import Article
    from ..dask import DaskWorkers
    from .sinks import Shards, ShardWriter

LOOKAHEAD = 512  # inputs discovered before work starts: sizes the pool, the chunks, the sample
MAX_CHUNK = 16  # inputs per message to a worker: fewer round trips for small files
WINDOW_PER_WORKER = 4  # chunks in flight per worker: bounds memory, keeps workers busy
_COMPRESSED = (".gz", ".bz2", ".xz", ".zst")


@dataclass(frozen=True)
class Batch:
    """A batch run as the command line asked for it."""

    inputs: tuple[str, ...]
    job: Job
    files_from: str | None = None
    null_separated: bool = False  # --files-from names end with NUL (-0), not a line end
    filters: Filters = Filters()
    jobs: int | None = None  # None: one per CPU
    learn: bool | None = None  # None: on for batches of learn.AUTO_MIN_FILES inputs or more
    skip_existing: bool = False
    fail_fast: bool = False
    quiet: bool = False
    verbose: bool = False  # name every input of a note
    progress: bool = False
    color: bool = False  # colour on stderr (the progress bar)
    stdout_color: bool = False  # a single run's JSON or --explain table highlighted
    report_path: str | None = None
    engine: str = "local"  # local | dask
    scheduler: str | None = None  # a Dask scheduler's address; None: a local cluster
    shards: Shards | None = None  # part files in a directory instead of the stdout stream
    explain_dir: str | None = None  # an explain page per input there too
    dry_run: bool = False  # list inputs and their outputs; clean nothing


INTERRUPTED, FAIL_FAST, STDOUT_CLOSED = "interrupted", "--fail-fast", "stdout closed"  # why a batch stops


class _Interrupted(BaseException):
    """A signal during a read that waits (BaseException: no handler of errors takes it for one)."""
_STOPPING = (signal.SIGINT, signal.SIGTERM)


class Stop:
    """Why the batch stops early, if it does: Ctrl-C, --fail-fast, or stdout closed by its reader.

    Ctrl-C sets it from a signal handler (any number of presses) rather than raising in the
    middle of a write; the workers are told to stop after the input they are on.
    """

    def __init__(self):
        self.reason: str | None = None
        self.interrupted = 0  # the signal (SIGINT, SIGTERM) that stopped the batch
        self.workers = None
        self._waiting = False  # on a read of stdin or a pipe, which a signal must break

    def __call__(self, reason: str) -> None:
        self.reason = self.reason or reason
        if self.workers:
            self.workers.stop()

    def on_signal(self, signum, frame) -> None:
        self.interrupted = self.interrupted or signum
        self(INTERRUPTED)
        if self._waiting:  # Python retries an interrupted read: only an exception ends the wait
            raise _Interrupted

    @contextmanager
    def waiting(self) -> Iterator[None]:
        """Around a read that may wait for ever (stdin, a pipe nobody writes to): a signal ends it."""
        self._waiting = True
        try:
            if self.interrupted:  # the signal came before the wait began
                raise _Interrupted
            yield
        finally:
            self._waiting = False

    def until_stopped(self, items: Iterable) -> Iterator:
        for item in items:
            if self.reason:
                return
            yield item


def run_batch(batch: Batch) -> int:
    """Run the batch; returns the exit status (0 ok, 1 some input failed, 2 a single run's records
    cannot be one document, 130 interrupted (143 terminated), 141 stdout closed)."""
    stop = Stop()
    in_main_thread = threading.current_thread() is threading.main_thread()  # where handlers are set
    # SIGTERM (a job scheduler, kill) stops the batch as Ctrl-C does: the workers end with their
    # input and with the batch, and the report is written (killed at once, they would go on alone)
    previous = {signum: signal.signal(signum, stop.on_signal) for signum in _STOPPING} if in_main_thread else {}
    try:
        return _run(batch, stop)
    finally:
        for signum, handler in previous.items():  # once interrupted, more signals while the process
            # exits are ignored (a Python function as handler would be reset to the default, killing, at exit)
            signal.signal(signum, signal.SIG_IGN if stop.interrupted else handler)


def _run(batch: Batch, stop: Stop) -> int:
    output_dir = batch.job.output_dir or (batch.shards.directory if batch.shards else None)
    for directory in filter(None, (output_dir, batch.explain_dir)) if not batch.dry_run else ():
        try:
            _check_writable(directory)
        except OSError as error:
            click.echo(f"newsclean: error: cannot write to {display(directory)}: "
                       f"{error.strerror or error}", err=True)
            return EXIT_FAILED
    if batch.files_from:  # its names are named inputs too: an output must not be written over one
        batch = replace(batch, inputs=(*batch.inputs, *read_path_list(batch.files_from, batch.null_separated)),
                        files_from=None)
    found: Iterable[Found | Problem | Skip] = stop.until_stopped(discover(batch.inputs, batch.filters,
                                                                          skip_dir=output_dir))
    if batch.dry_run:
        return _dry_run(batch, found)
    head = list(islice(found, LOOKAHEAD))
    if batch.progress and len(head) == LOOKAHEAD:
        head += found  # a terminal user wants a total and an ETA: count them all first
    files = [f for f in head if isinstance(f, Found)]
    total = len(files) if len(head) < LOOKAHEAD or batch.progress else None  # None: more to come
    jobs = batch.jobs or default_jobs()
    if total is not None:
        jobs = max(1, min(jobs, len(files)))  # a single input runs in this process, with no pool
    # the bar moves once per result: a problem or a skip found in the walk is one too
    with _messages(batch.progress and not batch.quiet, len(head) if total is not None else None,
                   batch.color) as (say, advance, end_progress):
        try:
            report = Report(say, batch.quiet, batch.report_path, summary=not batch.job.single, verbose=batch.verbose)
        except OSError as error:
            say(f"newsclean: error: cannot write {display(batch.report_path or '')}: {error.strerror or error}")
            return EXIT_FAILED
        learns = _learns(batch, files) and not stop.reason
        job = batch.job
        try:
            if learns and batch.engine == "dask" and not batch.scheduler:
                job, workers = _learned_while_starting(batch, files, jobs, say, stop)
                learns = False
            else:
                workers = _start_workers(batch, jobs)
        except (OSError, ValueError) as error:  # the scheduler cannot be reached, or its address parsed
            report.discard()
            say(f"newsclean: error: cannot start the Dask engine: {error}")
            return EXIT_FAILED
        stop.workers = workers
        if stop.reason:
            workers.stop()
        parts = batch.shards.open() if batch.shards else None
        try:
            if learns:
                job = _learned(batch, files, workers, say, stop)
            items = stop.until_stopped(_items(chain(head, found), job, batch.skip_existing, batch.explain_dir,
                                                filters=batch.filters, inputs=batch.inputs, stop=stop))
            chunks = stop.until_stopped(_chunks(items, workers.max_chunk, workers.jobs, workers.min_chunk))
            sink = _Sink(job, report, stop, batch.fail_fast, advance, parts, batch.stdout_color)
            for results in workers.ordered(process_chunk, chunks, (job,), _crashed):
                for result in results:
                    sink.take(result)
            if not report.files and not stop.reason:
                report.nothing_found = _nothing_found(batch.filters)
        finally:
            workers.close()
            end_progress()  # the bar's last line, then the notes and the summary below it
            report.interrupted, report.stdout_closed = stop.interrupted, stop.reason == STDOUT_CLOSED
            report.stopped_by = FAIL_FAST if stop.reason == FAIL_FAST else None
            if parts:
                parts.close()
                if not batch.quiet:
                    say(f"newsclean: wrote {len(parts.written)} part files to {display(parts.shards.directory)}")
            report.close()
    return report.exit_code


def _nothing_found(filters: Filters) -> str:
    if filters.include:
        return "no input file matches " + " or ".join(f"--include {pattern!r}" for pattern in filters.include)
    return "no input files found" + (" (all excluded by --exclude)" if filters.exclude else "")


def _dry_run(batch: Batch, found: Iterable[Found | Problem | Skip]) -> int:
    """--dry-run: each input and where its output would go, tab-separated on stdout; problems on stderr.
    A stdout that cannot be written ends the listing with one line (exit 1); one closed by its
    reader (`| head`) ends it quietly (141)."""
    try:
        return _list_outputs(batch, found)
    except BrokenPipeError:
        return EXIT_STDOUT_CLOSED
    except OSError as error:
        click.echo(f"newsclean: error: cannot write stdout: {error.strerror or error}", err=True)
        return EXIT_FAILED


def _list_outputs(batch: Batch, found: Iterable[Found | Problem | Skip]) -> int:
    extension = EXTENSIONS.get(batch.job.output_format, "")
    status = EXIT_OK
    found_any, count = False, 0
    for item in _items(found, batch.job, batch.skip_existing, batch.explain_dir, read_stdin=False,
                       filters=batch.filters, inputs=batch.inputs):
        found_any = True
        if isinstance(item, Result):
            if item.status == "skipped":
                why = item.note or f"{display(_existing_output(item.out_base, extension))} exists"
                click.echo(f"{display(item.path)}\t(skipped: {why})", file=stdout())
            else:
                status = EXIT_FAILED
                click.echo(f"newsclean: error: {display(item.path)}: {'; '.join(item.errors)}", err=True)
            continue
        if batch.shards:
            target = batch.shards.part_path(0).replace("00000", "*")
        elif item.out_base:
            records = holds_records(item.path, batch.job.options.input_format)  # (None: content tells)
            target = item.out_base + ("/NNNN" if records else "") + extension
        else:
            target = batch.job.output_file or "-"
        if _name_too_long(target):  # what the run would fail with, when it writes
            status = EXIT_FAILED
            click.echo(f"newsclean: error: {display(item.path)}: cannot write {display(target)}: "
                       f"{os.strerror(errno.ENAMETOOLONG)}", err=True)
            continue
        click.echo(f"{display(item.path)}\t{display(target)}", file=stdout())
        count += 1
    if not found_any:
        click.echo(f"newsclean: error: {_nothing_found(batch.filters)}", err=True)
        return EXIT_FAILED
    if not batch.quiet:
        click.echo(f"newsclean: --dry-run: {count} input{'' if count == 1 else 's'} would be cleaned; "
                   "nothing was read or written", err=True)
    return status


_NAME_MAX = 255  # bytes in one name of a path, on the file systems of Linux and macOS


def _name_too_long(path: str) -> bool:
    return any(len(os.fsencode(name)) > _NAME_MAX for name in path.split(os.sep))


def _start_workers(batch: Batch, jobs: int):
    """The worker pool of the batch's engine: local processes, or a Dask cluster's workers."""
    if batch.engine == "dask":
        from ..dask import DaskWorkers

        return DaskWorkers.start(jobs, batch.scheduler, WINDOW_PER_WORKER)
    return Workers(jobs)


def _learns(batch: Batch, files: list[Found]) -> bool:
    return batch.learn if batch.learn is not None else len(files) >= learn.AUTO_MIN_FILES


def _learned_while_starting(batch: Batch, files: list[Found], jobs: int, say, stop: Stop) -> tuple[Job, DaskWorkers]:
    """A local Dask cluster starts in a thread (0.5 s or more: Dask's import, the scheduler, the
    workers) while the learning pass runs on local worker processes; the learned job and the
    cluster's workers. The local processes are forked before that thread starts."""
    from ..dask import DaskWorkers  # noqa: F811  (the name is only for type checking up there)

    learners = Workers(jobs)
    learners.launch()
    starting = DaskWorkers.starting(jobs, None, WINDOW_PER_WORKER)
    stop.workers = learners
    try:
        try:
            job = _learned(batch, files, learners, say, stop)
        finally:
            learners.close()
    except BaseException:
        starting.result().close()
        raise
    return job, starting.result()  # a failed start raises here: OSError, as _start_workers does


def _learned(batch: Batch, files: list[Found], workers: Workers | DaskWorkers, say, stop: Stop) -> Job:
    """The job with the template learned from a sample of the first inputs (a first pass)."""
    sample = [Task(f.path) for f in files if not f.stream][:learn.SAMPLE_FILES]
    args = (batch.job.options, batch.job.timeout)
    per_input = workers.ordered(learn.learn_chunk, stop.until_stopped(_chunks(sample, MAX_CHUNK)), args,
                                lambda c: [[] for _ in c])
    documents = (doc for chunk in per_input for docs in chunk for doc in docs)
    options = learn.template_options(batch.job.options, documents)
    if not batch.quiet and not stop.reason:
        say(f"newsclean: learned {len(options.template_lines)} template lines from "
            f"{options.template_docs} documents")
    return replace(batch.job, options=options)


def _items(found: Iterable[Found | Problem | Skip], job: Job, skip_existing: bool, explain_dir: str | None = None,
           read_stdin: bool = True, filters: Filters = Filters(), inputs: Iterable[str] = (),
           stop: Stop | None = None) -> Iterator[Task | Result]:
    """A Task per input to clean; a ready Result for a problem, a skip or an output collision
    (with another input's output, or with an input named on the command line or in --files-from:
    `inputs`)."""
    # Two inputs must not write one output. A walk yields a directory's files together, so a walked
    # file's outputs need only be remembered with its directory's: memory stays flat for any tree.
    # Named files' outputs are all remembered; a file with the same path below an earlier walked
    # root is found by listing that root's folder (_WalkedBefore: one listing per folder).
    extension = EXTENSIONS.get(job.output_format, "")  # (only -o DIR names outputs: not -f html)
    forced = job.options.input_format
    named: dict[str, str] = {}  # an output name (DIR/a.json, DIR/feed/) -> the input that takes it
    siblings: dict[str, str] = {}
    walked_before = _WalkedBefore(job, filters, explain_dir)
    folders = _OutputFolders()
    named_inputs = NamedInputs(inputs, (job.output_dir, explain_dir))
    directory = None
    for item in found:
        if isinstance(item, Problem):
            yield Result(item.path, "failed", errors=[item.reason])
            continue
        if isinstance(item, Skip):
            yield Result(item.path, "skipped", note=item.reason)
            continue
        base = _output_base(job.output_dir, item.rel) if job.output_dir else None
        page_base = _output_base(explain_dir, item.rel) if explain_dir else None
        records = holds_records(item.path, forced)
        targets = names_taken(base, records, extension, page_base)
        itself = not item.walked and overwritten_input([item.path], targets)
        if itself:
            yield Result(item.path, "failed", errors=[f"its output {display(itself)} would be written over it"])
            continue
        an_input = named_inputs.overwritten_by(targets)
        if an_input:
            yield Result(item.path, "failed", errors=[f"its output {display(an_input)} would be written over "
                                                      "an input named on the command line or in --files-from"])
            continue
        linked = named_inputs.reached_through_a_link(targets)
        if linked:
            yield Result(item.path, "failed", errors=[f"its output {display(linked)} leads through a link into "
                                                      "the inputs' folders: not written"])
            continue
        if targets:
            claims = named
            if item.walked:
                if os.path.dirname(item.path) != directory:
                    directory, siblings = os.path.dirname(item.path), {}
                claims = siblings
            other = next(((target, claims.get(target) or named[target]) for target in targets
                          if target in claims or target in named), None) or walked_before.clash(item, targets)
            if other:
                yield Result(item.path, "failed", errors=[f"its output {display(other[0])} is also the output "
                                                          f"of {display(other[1])}"])
                continue
            clash = folders.clash(base, records, item.path) if base else None
            if clash:
                yield Result(item.path, "failed", errors=[clash])
                continue
            claims.update(dict.fromkeys(targets, item.path))
        if base and skip_existing and (os.path.exists(base + extension) or is_record_folder(base)):
            yield Result(item.path, "skipped", out_base=base)
            continue
        if item.stream and read_stdin:
            try:
                with stop.waiting() if stop else nullcontext():
                    data = read_input(item.path, job.options.max_bytes)
            except InputError as error:
                yield Result(item.path, "failed", errors=[error.args[0]])
                continue
            except _Interrupted:
                return  # (the stop's reason is set: the batch ends as on any Ctrl-C)
            yield Task(item.path, base, data, page_base=page_base)
            continue
        yield Task(item.path, base, page_base=page_base)


def names_taken(base: str | None, records: bool | None, extension: str, page_base: str | None) -> tuple[str, ...]:
    """Every name that an input's writes take: its outputs in -o DIR, its explain page."""
    return (output_names(base, records, extension) if base else ()) + ((page_base + PAGE_EXTENSION,) if page_base
                                                                        else ())


def output_names(base: str, records: bool | None, extension: str) -> tuple[str, ...]:
    """The names an input's outputs take in -o DIR: its file (DIR/a.json for a.txt), or the folder of
    an input of records (DIR/feed/ for feed.jsonl, even of one record); both while only its content
    can tell (records None: feed.gz, page.dat)."""
    file, folder = base + extension, base + "/"
    if records is None:
        return file, folder
    return (folder,) if records else (file,)


class _WalkedBefore:
    """The local directories walked so far, to find the file of an earlier one that has the same
    path below it as an input found later (in another walked directory, or named): both would
    write one output. The names that one folder's files take are listed once and kept while the
    inputs asked about are in the same folder (a walk yields a folder's files together)."""

    def __init__(self, job: Job, filters: Filters, explain_dir: str | None):
        self.job, self.filters, self.explain_dir = job, filters, explain_dir
        self.roots: dict[str, None] = {}  # in the order walked
        self._listed: tuple | None = None  # (folder below the roots, the roots) of `_names`
        self._names: dict[str, str] = {}  # output name -> the file of an earlier root that takes it

    def clash(self, item: Found, targets: tuple[str, ...]) -> tuple[str, str] | None:
        """(an output name, the file that took it) when a file of an earlier walked root takes
        one of `targets`, the names of `item`."""
        roots = list(self.roots)
        if item.walked and not has_scheme(item.path) and item.path.endswith(item.rel):
            root = item.path[:len(item.path) - len(item.rel)]
            self.roots.setdefault(root)
            roots = roots[:roots.index(root)] if root in roots else roots
        if not roots:
            return None
        folder = os.path.dirname(item.rel)
        if self._listed != (folder, roots):
            self._listed, self._names = (folder, roots), self._list(folder, roots)
        return next(((target, self._names[target]) for target in targets if target in self._names
                     and not _same_file(self._names[target], item.path)), None)

    def _list(self, folder: str, roots: list[str]) -> dict[str, str]:
        parts = folder.split("/") if folder else []
        if any(part.startswith(".") for part in parts) or \
                not all(self.filters.wants_dir("/".join(parts[:i])) for i in range(1, len(parts) + 1)):
            return {}  # no walk went there
        job = self.job
        names: dict[str, str] = {}
        extension = EXTENSIONS.get(job.output_format, "")
        for root in roots:
            try:
                with os.scandir(os.path.join(root, *parts)) as entries:
                    files = [(entry.path, "/".join([*parts, entry.name])) for entry in entries
                             if not entry.name.startswith(".") and entry.is_file()]
            except OSError:
                continue
            for path, rel in filter(lambda file: self.filters.wants_file(file[1]), files):
                base = _output_base(job.output_dir, rel) if job.output_dir else None
                page_base = _output_base(self.explain_dir, rel) if self.explain_dir else None
                for name in names_taken(base, holds_records(path, job.options.input_format), extension, page_base):
                    names.setdefault(name, path)
        return names


def _existing_output(base: str | None, extension: str) -> str:
    """The output file that is there, or else the folder of records."""
    assert base is not None  # a skipped input has its outputs
    return base + extension if os.path.exists(base + extension) else base + "/"


class _OutputFolders:
    """The folders that outputs go into, to keep a records input's folder (out/feed/0001.json...
    for feed.jsonl) apart from the outputs of a directory of the same name (out/feed/a.json for
    feed/a.txt): one folder of records is replaced as a whole. One entry per folder, not per file."""

    def __init__(self):
        self._records: dict[str, str] = {}  # a record folder -> its input
        self._files: dict[str, str] = {}  # a folder that holds outputs -> the first input that wrote there

    def clash(self, base: str, records: bool | None, path: str) -> str | None:
        """Why the output at `base` (a folder for a records input; either while its content decides)
        of the input `path` cannot go there, if it cannot."""
        if records is not False:
            other = self._files.get(base) or self._records.get(base)
            if other:
                return f"its record folder {display(base)} would also hold the outputs of {display(other)}"
        folders = list(_folders_of(base, self._files)) if records is not True else []
        other_folder = next((folder for folder in folders if folder in self._records), None)
        if other_folder:
            return (f"its output would go into {display(other_folder)}, the record folder of "
                    f"{display(self._records[other_folder])}")
        if records is not False:
            self._records[base] = path
        self._files.update(dict.fromkeys(folders, path))
        return None


def _folders_of(path: str, known: dict[str, str]) -> Iterator[str]:
    """The folders above `path`, innermost first, up to the first one in `known` (whose own are
    known too)."""
    folder, above = os.path.dirname(path), path
    while folder and folder != above and folder not in known:
        yield folder
        folder, above = os.path.dirname(folder), folder


def overwritten_input(inputs: Iterable[str], targets: Iterable[str]) -> str | None:
    """The first of `targets` (files about to be written, or record folders about to be replaced
    as a whole: DIR/feed/) that is, or holds, one of the named input files, through any link; None
    when none is."""
    return NamedInputs(inputs).overwritten_by(targets)


class NamedInputs:
    """The inputs named on the command line or in --files-from, to tell whether an output would be
    written over one, or through a link into where they are (found once: every input's outputs
    are checked against all of them)."""

    def __init__(self, inputs: Iterable[str], output_roots: Iterable[str | None] = ()):
        named = [path for path in inputs if path != STDIN and not has_scheme(path)]
        self._identities: set[tuple[int, int]] = set()
        self._trees: list[str] = []  # where the inputs are: the trees walked, the folders of the files named
        self._folders: set[str] = set()
        for path in named:  # (one stat each)
            try:
                info = os.stat(path)
            except (OSError, ValueError):
                continue
            if stat.S_ISREG(info.st_mode):
                self._identities.add((info.st_dev, info.st_ino))
                self._folders.add(os.path.dirname(os.path.realpath(path)))
            elif stat.S_ISDIR(info.st_mode):
                self._trees.append(os.path.realpath(path))
        self._real = sorted(os.path.realpath(path) for path in named) if self._identities else []
        self._roots = [os.path.realpath(root) for root in output_roots if root]

    def reached_through_a_link(self, targets: Iterable[str]) -> str | None:
        """The first of `targets` that a link inside its output folder (-o DIR, --explain-dir)
        leads into an input tree, or beside a named input."""
        if not (self._trees or self._folders):
            return None
        for target in targets:
            real = os.path.realpath(os.path.dirname(target.rstrip("/")))
            if any(_within(real, root) for root in self._roots):
                continue  # where it was asked to be (an output folder may lie inside an input tree)
            if real in self._folders or any(_within(real, tree) for tree in self._trees):
                return target
        return None

    def overwritten_by(self, targets: Iterable[str]) -> str | None:
        if not self._identities:
            return None
        for target in targets:
            if target.endswith("/"):
                folder = os.path.realpath(target) + os.sep
                at = bisect_left(self._real, folder)
                if at < len(self._real) and self._real[at].startswith(folder):
                    return target
            elif _identity(target) in self._identities:
                return target
        return None


def _within(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def output_claims(inputs: Iterable[str], directory: str, output_format: str, input_format: str | None = None,
                  pages: bool = False) -> Iterator[tuple[str, str]]:
    """(input, name) for the names that each input file named on the command line takes in
    `directory`: its outputs in -o DIR (a file, or a record folder DIR/feed/), or (pages) its
    explain page in --explain-dir DIR."""
    for item in discover(path for path in inputs if path != STDIN and not has_scheme(path)
                         and not os.path.isdir(path)):
        if isinstance(item, Found):
            base = _output_base(directory, item.rel)
            yield from ((item.path, name) for name in (
                (base + PAGE_EXTENSION,) if pages
                else output_names(base, holds_records(item.path, input_format), EXTENSIONS[output_format])))


def _identity(path: str) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if os.path.isfile(path) else None


def _same_file(a: str, b: str) -> bool:
    return _identity(a) is not None and _identity(a) == _identity(b)


def _output_base(output_dir: str, rel: str) -> str:
    """DIR/a/b for a/b.txt (and for a/b.jsonl.gz): the extension goes, the output format's comes."""
    stem, extension = os.path.splitext(rel)
    if extension.lower() in _COMPRESSED:
        stem = os.path.splitext(stem)[0]
    return os.path.join(output_dir, *stem.split("/"))


def _chunks(items: Iterable, size: int, workers: int = 1, least: int = 1) -> Iterator[list]:
    """Chunks of `size` items while there is one ahead for each worker; then what is left divided
    by the workers (a half each for two), down to `least` items, so that the workers end together:
    with chunks of one size, one worker would go on with a last large chunk while the others wait.
    Reads workers * size items ahead, at most."""
    items = iter(items)
    ahead = deque(islice(items, workers * size))
    while ahead:
        chunk = [ahead.popleft() for _ in range(min(len(ahead), size, max(least, -(-len(ahead) // workers))))]
        ahead.extend(islice(items, len(chunk)))
        yield chunk


def _crashed(chunk: list[Task | Result]) -> list[Result]:
    return [item if isinstance(item, Result) else
            Result(item.path, "failed", errors=["the worker process died (a crash, or out of memory)"])
            for item in chunk]


class _Sink:
    """Takes results in input order: duplicates, deferred writes, stdout or shards, report, progress."""

    def __init__(self, job: Job, report: Report, stop: Stop, fail_fast: bool, advance: Callable[[int], None],
                 parts: ShardWriter | None = None, stdout_color: bool = False):
        self.job, self.report, self.stop, self.fail_fast, self.advance = job, report, stop, fail_fast, advance
        self.parts, self.stdout_color = parts, stdout_color
        self.dedup = None
        if job.dedup:
            from .dedup import Deduplicator

            self.dedup = Deduplicator(job.near_dedup)

    def take(self, result: Result) -> None:
        self.report.usage_error = self.report.usage_error or result.usage_error
        if self.dedup and result.pieces:  # (a skip or a problem has none: its status stands)
            for piece in result.pieces:
                if piece.dedup_key:
                    piece.duplicate_of = self.dedup.duplicate_of(piece.path or piece.label, piece.dedup_key,
                                                                 piece.signature)
            result.status = status_of(result)
        if self.job.defer_writes and result.pieces:
            self._write(result)
        self.report.add(result)
        self.advance(self.report.failed)
        if self.fail_fast and result.status == "failed":
            self.stop(FAIL_FAST)

    def _write(self, result: Result) -> None:
        if self.job.single:
            self._write_single(result)
        elif not self.job.output_dir:  # the JSON Lines stream: on stdout, or into part files
            texts = [piece.text or "" for piece in result.pieces if piece.duplicate_of is None]
            if self.parts:
                for text in texts:
                    self.parts.write(text)
            else:
                self._print(result, "".join(texts))
        else:
            try:
                write_pieces(result)
            except OSError as error:
                self._cannot_write(result, error, result.out_base or "")

    def _write_single(self, result: Result) -> None:
        """The articles of a run's one input: on stdout or in -o FILE; --explain shows the blocks."""
        job = self.job
        if job.explain and job.output_format == "html":
            from ..explain_page import explain_page

            self._write_text(result, explain_page([cast("Article", piece.article) for piece in result.pieces]))
            return
        if job.explain:
            from ..explain import show_explanation

            with self._printing(result):
                for piece in result.pieces:
                    show_explanation(cast("Article", piece.article), self.stdout_color)
            return
        text = "".join(piece.text or "" for piece in result.pieces)
        if not job.output_file and job.output_format == "json" and len(result.pieces) == 1 and self.stdout_color:
            from rich.console import Console
            from rich.json import JSON

            Console(soft_wrap=True, force_terminal=True).print(JSON(text))
        else:
            self._write_text(result, text)

    def _write_text(self, result: Result, text: str) -> None:
        """A single run's output: into -o FILE (write_atomically makes its folders), else on stdout."""
        if not self.job.output_file:
            self._print(result, text)
            return
        try:
            write_atomically(self.job.output_file, text, named=True)
        except OSError as error:
            self._cannot_write(result, error, self.job.output_file)

    def _print(self, result: Result, text: str) -> None:
        """Write on stdout; once nobody reads it (`| head`), the batch stops and nothing more is printed."""
        if self.stop.reason == STDOUT_CLOSED:
            return
        with self._printing(result):
            click.echo(text, nl=False, file=stdout())

    @contextmanager
    def _printing(self, result: Result) -> Iterator[None]:
        """Writing on stdout: a reader gone stops the batch; a full disk or no stdout at all (`>&-`)
        fails the input, as a file that cannot be written does."""
        try:
            yield
        except BrokenPipeError:
            self.stop(STDOUT_CLOSED)
        except OSError as error:
            self._cannot_write(result, error, "stdout")

    @staticmethod
    def _cannot_write(result: Result, error: OSError, path: str) -> None:
        result.status, result.pieces = "failed", []
        result.errors.append(f"cannot write {display(error.filename or path)}: {error.strerror or error}")


class Workers:
    """Runs chunks in worker processes (in this process for one job); results in submission order.

    At most `window` chunks are in flight. A worker that dies takes only its own chunk down:
    the pool is restarted and that chunk's inputs retried one by one, so only the culprit fails.
    """

    min_chunk = 1  # inputs per chunk at the end of a batch, at least (a chunk costs little here)

    def __init__(self, jobs: int):
        self.jobs = jobs
        # inputs per chunk, at most; one by one in this process (a stop takes effect at once)
        self.max_chunk = 1 if jobs == 1 else MAX_CHUNK
        self.window = 1 if jobs == 1 else jobs * WINDOW_PER_WORKER
        self._pool: ProcessPoolExecutor | None = None  # for more than one job
        self._generation = 0
        if jobs > 1:
            import multiprocessing

            self._stop: Any = multiprocessing.Event()  # threading.Event's interface
            self._start()
        else:
            self._stop = threading.Event()
            stop_with(self._stop)

    def _start(self) -> None:
        from concurrent.futures import ProcessPoolExecutor  # imports multiprocessing: only for a pool

        self._pool = ProcessPoolExecutor(self.jobs, initializer=init_worker, initargs=(self._stop,))
        self._generation += 1

    def ordered(self, fn, chunks: Iterable[list], args: tuple, crashed: Callable[[list], list]) -> Iterator[list]:
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, self._submit(fn, chunk, args), self._generation))
            if len(pending) >= self.window:
                yield self._result(fn, pending.popleft(), args, crashed)
        while pending:
            yield self._result(fn, pending.popleft(), args, crashed)

    def launch(self) -> None:
        """Start the worker processes now (they are forked: before this process starts threads)."""
        if self._pool:
            self._pool.submit(int).result()

    def _submit(self, fn, chunk: list, args: tuple) -> Future | _Done:
        if self._pool:
            return self._pool.submit(fn, chunk, *args)
        return _Done(fn(chunk, *args))  # -j1: in this process, no pool at all

    def _result(self, fn, submitted: tuple[list, Future | _Done, int], args: tuple, crashed) -> list:
        chunk, future, generation = submitted
        if isinstance(future, _Done):
            return future.value
        from concurrent.futures import BrokenExecutor  # loaded with the pool

        try:
            return future.result()
        except BrokenExecutor:  # the pool's BrokenProcessPool
            pass
        if generation == self._generation:
            self._restart()
        results = []
        for item in chunk:
            assert self._pool is not None  # restarted above: only a pool's futures break
            try:
                results += self._pool.submit(fn, [item], *args).result()
            except BrokenExecutor:
                self._restart()
                results += crashed([item])
        return results

    def _restart(self) -> None:
        assert self._pool is not None
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._start()

    def stop(self) -> None:
        """Chunks not yet begun end at once; running ones after their current input (called from
        a signal handler: the main process never waits on this event)."""
        self._stop.set()

    def close(self) -> None:
        """Stop the workers and wait for them: no worker process outlives the batch."""
        self._stop.set()
        if self._pool:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        else:
            stop_with(None)


class _Done:
    """A chunk cleaned in this process (-j1): its results, without loading concurrent.futures."""

    def __init__(self, value: list):
        self.value = value


@contextmanager
def _messages(progress: bool, total: int | None, color: bool = False):
    """(say, advance, end): say prints a line on stderr; advance(failed) moves the progress bar, if
    shown, end removes the bar's live display (what is said after it comes below its last line)."""
    if not progress:
        yield (lambda message: click.echo(message, err=True)), (lambda failed: None), (lambda: None)
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    columns = (BarColumn(), MofNCompleteColumn(), TextColumn("{task.fields[rate]}"),
               TextColumn("[red]{task.fields[failed]}" if color else "{task.fields[failed]}"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    console = Console(stderr=True, force_terminal=True, no_color=not color, highlight=False)
    with Progress(*columns, console=console) as bar:
        task = bar.add_task("cleaning", total=total, rate="", failed="")

        def advance(failed: int) -> None:
            speed = bar.tasks[0].speed
            bar.update(task, advance=1, rate=f"{speed:.0f} files/s" if speed else "",
                       failed=f"{failed} failed" if failed else "")

        yield (lambda message: bar.console.print(message, markup=False, highlight=False, soft_wrap=True)), advance, \
            bar.stop


def _check_writable(directory: str) -> None:
    """Create the output directory and prove it writable, before any work."""
    import tempfile  # only with an output directory

    os.makedirs(directory, exist_ok=True)
    with tempfile.TemporaryFile(dir=directory):
        pass


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1
