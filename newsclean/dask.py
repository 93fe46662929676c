"""newsclean on Dask: a bag of articles for your own pipelines, and the engine of --engine dask.

    from newsclean.dask import articles_bag
    bag = articles_bag(["s3://bucket/news/", "local/dump.txt"], partition_size=64)
    bag.filter(lambda a: not a.get("error") and not a["no_article"]).pluck("title").take(5)

Inputs are local paths or fsspec URLs (files or directories, walked like the command line
walks them). A task is a partition of input files, never a single record. Needs
dask[distributed] (pip install 'newsclean[dask]'); Dask is imported only when used here.
"""
from __future__ import annotations

import logging
import pickle
import signal
import sys
import threading
import time
import uuid
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from functools import lru_cache

from .options import Options

INSTALL_HINT = "pip install 'newsclean[dask]'"
# Input files per task. A task has a fixed cost: about 3.5 ms of CPU in the scheduler and the
# client (this process) and 2.5 ms in its worker, what four small inputs take to clean; 512 of
# them take about 0.8 s. At the end of a batch tasks get smaller, down to MIN_PARTITION_SIZE, so
# that no worker waits for another's last large task.
DEFAULT_PARTITION_SIZE = 512
MIN_PARTITION_SIZE = 16
STOP_POLL = 0.5  # seconds between a task's looks at the batch's stop event (each asks the scheduler)


def dask_available() -> bool:
    """Whether Dask is installed, without importing it (0.4 s: a local cluster's start does that
    in a thread, while the learning pass runs)."""
    from importlib.util import find_spec

    try:
        return all(find_spec(name) is not None for name in ("dask", "distributed"))
    except ValueError:  # a module without a spec (set to None in sys.modules)
        return False


def bag_items(paths: str | Iterable[str]) -> list[str | dict]:
    """The input files under `paths` (local paths or URLs; one as a string), in the command
    line's order; a path the walk cannot read (a broken link, a loop) as its error dict, as
    clean_paths gives one for an input it cannot clean. Stdin and pipes are refused (ValueError):
    the cluster's workers cannot open this process's."""
    from .batch.discover import Found, Problem, discover, display

    items: list[str | dict] = []
    for item in discover([paths] if isinstance(paths, str) else paths):
        if isinstance(item, Problem):
            items.append({"source": display(item.path), "error": item.reason})
        elif isinstance(item, Found) and item.stream:
            raise ValueError(f"{item.path}: stdin or a pipe cannot be read on a cluster")
        elif isinstance(item, Found):  # (not a link to a file the walk reads itself)
            items.append(item.path)
    return items


def articles_bag(paths: str | Iterable[str], options: Options = Options(),
                 partition_size: int = DEFAULT_PARTITION_SIZE):
    """A dask.bag.Bag of article dicts (Article.to_dict()), in input order, one per article of
    each input; an input or record that cannot be cleaned is {"source": ..., "error": reason}."""
    import dask.bag as db

    return db.from_sequence(bag_items(paths), partition_size=partition_size).map_partitions(clean_paths, options)


def clean_paths(paths: Iterable[str | dict], options: Options = Options()) -> list[dict]:
    """One partition's work: every article of every input, as dicts (error dicts for failures;
    one that bag_items made passes through)."""
    from .document import InputError
    from .process import process_input

    articles: list[dict] = []
    for path in paths:
        if isinstance(path, dict):
            articles.append(path)
            continue
        processed = process_input(path, options)
        if processed.error:
            articles.append({"source": processed.source, "error": processed.error})
        articles += [{"source": r.source or processed.source, "error": r.args[0]} if isinstance(r, InputError)
                     else r.to_dict() for r in processed.records]
    return articles


# The local cluster's settings, in force in this process while it runs (a nanny restarting a
# worker after a crash reads them again):
# - on Linux, workers forked from this process, which has imported Dask and the pipeline: a
#   spawned worker imports both again (0.5 s of CPU each, and the run waits; macOS cannot fork);
# - no retries of a task whose worker died: DaskWorkers retries its inputs one by one itself;
# - no statistical profiler: it samples the task's stack every 10 ms, CPU taken from the cleaning;
# - Dask's low-level logs keep 16 messages per comm, not 1,000: they hold tasks with their
#   arguments (every input path), memory that grew with the batch;
# - the event loops' own clocks (the tick, the system and memory monitors) every second or so,
#   not every 20-500 ms: each wakes a loop thread that takes the GIL from the cleaning (on 3,000
#   files: 20,000 futex calls and 7,700 loop wake-ups became 5,000 and 2,000; wall -9 %).
LOCAL_CLUSTER_CONFIG = {
    "distributed.worker.multiprocessing-method": "fork" if sys.platform == "linux" else "spawn",
    "distributed.scheduler.allowed-failures": 0,
    "distributed.worker.profile.enabled": False,
    "distributed.admin.low-level-log-length": 16,
    "distributed.admin.tick.interval": "1s",
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def start_client(jobs: int, scheduler: str | None = None):
    """A Client of the cluster at `scheduler`, or of a new local cluster of `jobs` one-thread
    worker processes (the pipeline is pure Python: threads would share one GIL)."""
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler)
    # The scheduler's HTTP server takes any free port (":0"): a busy 8787 would warn on stderr.
    cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=":0",
                           silence_logs=logging.CRITICAL)  # the Report says what failed
    return Client(cluster)


def _stoppable(stop_event: str, fn, work: bytes) -> bytes:
    """A task: fn(chunk, *args), which stops between inputs once the batch's stop event is set.

    The chunk and its arguments come pickled, and so do the results: Dask walks the arguments
    and results that it gets as objects (in search of futures; a chunk of 256 inputs and their
    Results cost the main process 8 ms a task, 2 ms as bytes)."""
    from .batch.work import stop_with

    stop_with(_polled(stop_event))
    chunk, args = pickle.loads(work)
    return pickle.dumps(fn(chunk, *args), pickle.HIGHEST_PROTOCOL)


class _Polled:
    """The distributed.Event named `name`, asked at most every STOP_POLL seconds; once set, set.

    Asked through the worker's own connection to the scheduler: a Client made inside a task (what
    distributed.Event would use) hangs on a worker that its nanny restarted after a crash."""

    def __init__(self, name: str):
        self.name, self.asked, self.seen = name, 0.0, False

    def is_set(self) -> bool:
        now = time.monotonic()
        if not self.seen and now - self.asked >= STOP_POLL:
            from distributed import get_worker
            from distributed.utils import sync

            worker = get_worker()
            self.seen, self.asked = sync(worker.loop, worker.scheduler.event_is_set, name=self.name), now
        return self.seen


_polled = lru_cache(maxsize=8)(_Polled)  # a worker's tasks of one batch share the last answer


class DaskWorkers:
    """The batch runner's worker pool on a Dask cluster: the same interface as batch.run.Workers.

    Chunks go to the cluster as tasks through a bounded window of futures (memory does not
    grow with the batch) and come back in submission order. A chunk whose worker died (Dask
    retried it, then gave up) is retried input by input, so only the culprit fails.
    """

    max_chunk = DEFAULT_PARTITION_SIZE  # inputs per task (the batch runner chunks by this)
    min_chunk = MIN_PARTITION_SIZE  # inputs per task at the end of a batch, at least

    def __init__(self, client, jobs: int, window: int, settings: ExitStack | None = None):
        self.client = client
        self.jobs = jobs  # the cluster's workers
        self.window = window
        self.settings = settings or ExitStack()  # undone by close
        self.stop_event = f"newsclean-stop-{uuid.uuid4().hex}"  # the distributed.Event stop() sets

    @classmethod
    def start(cls, jobs: int, scheduler: str | None = None, window_per_worker: int = 4) -> DaskWorkers:
        return cls.starting(jobs, scheduler, window_per_worker).result()

    @classmethod
    def starting(cls, jobs: int, scheduler: str | None = None, window_per_worker: int = 4) -> Starting:
        """DaskWorkers started in a thread (Dask imported there too), while this one goes on."""
        return Starting(lambda: cls._start(jobs, scheduler, window_per_worker))

    @classmethod
    def _start(cls, jobs: int, scheduler: str | None, window_per_worker: int) -> DaskWorkers:
        """Dask's objects (65,000 once started) live as long as this process: frozen, the collector
        skips them (at exit too: 0.1 s, 0.5 s at load 5), and so do the workers forked from here,
        which made twice the collector's work of -j2's workers. None is collected while importing
        Dask (its modules stay: 10% of the import's time)."""
        import gc

        collecting = gc.isenabled()
        gc.disable()
        try:
            import dask
            import distributed  # noqa: F401  (its defaults in dask.config before the settings: undoing those keeps them)
        finally:
            if collecting:
                gc.enable()
        gc.freeze()
        with ExitStack() as settings:
            if not scheduler:
                settings.enter_context(dask.config.set(LOCAL_CLUSTER_CONFIG))
            client = start_client(jobs, scheduler)
            gc.freeze()
            workers = max(1, len(client.scheduler_info(n_workers=-1)["workers"]))
            return cls(client, workers, workers * window_per_worker, settings.pop_all())

    def ordered(self, fn, chunks: Iterable[list], args: tuple, crashed: Callable[[list], list]) -> Iterator[list]:
        pending: deque = deque()
        for chunk in chunks:
            pending.append((chunk, self._submit(fn, chunk, args)))
            if len(pending) >= self.window:
                done, future = pending.popleft()
                yield self._result(fn, done, future, args, crashed)
        while pending:
            done, future = pending.popleft()
            yield self._result(fn, done, future, args, crashed)

    def _submit(self, fn, chunk: list, args: tuple):
        # Impure: tasks write files. Named after fn: the scheduler estimates a task's duration from
        # those of its name's earlier tasks (a learning pass's are 16 inputs, the main pass's more).
        work = pickle.dumps((chunk, args), pickle.HIGHEST_PROTOCOL)
        return self.client.submit(_stoppable, self.stop_event, fn, work, key=f"{fn.__name__}-{uuid.uuid4().hex}")

    def _result(self, fn, chunk: list, future, args: tuple, crashed) -> list:
        from distributed import KilledWorker

        try:
            return pickle.loads(future.result())
        except KilledWorker:
            pass
        finally:
            future.release()
        results = []
        for item in chunk:
            single = self._submit(fn, [item], args)
            try:
                results += pickle.loads(single.result())
            except KilledWorker:
                results += crashed([item])
            finally:
                single.release()
        return results

    def stop(self) -> None:
        """Tasks not yet begun return at once, running ones after their current input (they look
        every STOP_POLL seconds). Called from a signal handler: the event is set from a thread,
        while the main one goes on waiting for the tasks' results."""
        from distributed import Event

        threading.Thread(target=Event(self.stop_event, client=self.client).set, daemon=True).start()

    def close(self) -> None:
        """Cancel what is still queued and shut down the client (and the local cluster it started)."""
        cluster = self.client.cluster
        self.client.close()
        if cluster is not None:
            cluster.close()
        self.settings.close()


class Starting:
    """A cluster's DaskWorkers being started in a thread of their own; result() waits for them.

    SIGINT is blocked in that thread, and so in the threads it starts (the cluster's event loop)
    and in the worker processes they fork: Ctrl-C is for the main thread alone, which stops the
    tasks itself.
    """

    def __init__(self, start: Callable[[], DaskWorkers]):
        self._workers: DaskWorkers | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(start,), name="newsclean-dask-start", daemon=True)
        self._thread.start()

    def _run(self, start: Callable[[], DaskWorkers]) -> None:
        if hasattr(signal, "pthread_sigmask"):  # not on Windows
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            self._workers = start()
        except BaseException as error:  # raised by result(), in the caller's thread
            self._error = error

    def result(self) -> DaskWorkers:
        self._thread.join()
        if self._error:
            raise self._error
        assert self._workers is not None
        return self._workers
