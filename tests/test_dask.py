"""The Dask engine: articles_bag for users' pipelines, and batch runs on a cluster that give the
same outputs, byte for byte, as a local run (on a LocalCluster and on the synchronous scheduler)."""
from __future__ import annotations

import json
import sys
import os

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

from click.testing import CliRunner  # noqa: E402

from newsclean import clean_many  # noqa: E402
from newsclean.cli import main  # noqa: E402
from newsclean.dask import DaskWorkers, articles_bag, clean_paths  # noqa: E402
from newsclean.options import Options  # noqa: E402
from test_batch_dumps import make_dump, write_tree  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    """One two-worker local cluster for the whole module (starting one takes seconds)."""
    workers = DaskWorkers.start(2)
    yield workers
    workers.close()


@pytest.fixture
def tree(tmp_path):
    """news/1.txt ... news/5.txt, news/sub/feed.jsonl (2 records, one broken), news/bad.txt."""
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    for n in range(1, 6):
        (root / f"{n}.txt").write_text(make_dump(n)[0], encoding="utf-8")
    record = json.dumps({"text": make_dump(6)[0], "url": "https://example.com/6"}, ensure_ascii=False)
    (root / "sub" / "feed.jsonl").write_text(record + "\n{broken\n", encoding="utf-8")
    (root / "bad.txt").write_bytes(b"\xff\xfe\x00")  # truncated UTF-16: fails
    return root


def expected_dicts(root) -> list[dict]:
    """What clean_many makes of each input, in the order of a directory walk."""
    paths = sorted(p for p in root.rglob("*") if p.is_file())
    paths.sort(key=lambda p: p.relative_to(root).parts)
    return clean_paths([str(p) for p in paths])


def test_clean_paths_reports_failures_as_error_dicts(tree):
    results = clean_paths([str(tree / "1.txt"), str(tree / "missing.txt"), str(tree / "sub" / "feed.jsonl")])
    first = next(clean_many((tree / "1.txt").read_bytes(), source=str(tree / "1.txt")))
    assert results[0] == first.to_dict()
    assert results[1] == {"source": str(tree / "missing.txt"), "error": "No such file or directory"}
    assert results[2]["url"] == "https://example.com/6"
    assert results[3]["source"] == str(tree / "sub" / "feed.jsonl") and "line 2" in results[3]["error"]


def test_articles_bag_partitions_are_batches_of_files(tree):
    bag = articles_bag([str(tree)], partition_size=3)
    assert bag.npartitions == 3  # 7 files, 3 a partition
    assert bag.compute(scheduler="sync") == expected_dicts(tree)


def test_articles_bag_on_a_cluster_keeps_input_order(tree, cluster):
    options = Options(typography="keep")
    bag = articles_bag([str(tree)], options=options, partition_size=2)
    assert bag.compute(scheduler=cluster.client) == bag.compute(scheduler="sync")
    assert [a["source"] for a in bag.compute(scheduler=cluster.client) if "error" not in a][:2] == \
        [str(tree / "1.txt"), str(tree / "2.txt")]


def test_articles_bag_gives_what_it_cannot_read_as_error_dicts(tree):
    (tree / "zz.txt").symlink_to("nowhere")
    results = articles_bag([str(tree / "missing"), str(tree)]).compute(scheduler="sync")
    assert results[0] == {"source": str(tree / "missing"), "error": "No such file or directory"}
    broken = {"source": str(tree / "zz.txt"), "error": "broken symbolic link"}
    assert broken in results and [r for r in results[1:] if r != broken] == expected_dicts(tree)


def test_articles_bag_takes_one_path_as_a_string(tree):
    assert articles_bag(str(tree / "1.txt")).compute(scheduler="sync") == expected_dicts(tree)[:1]


def test_a_worker_that_dies_fails_only_its_input(tree, cluster):
    paths = [str(tree / f"{n}.txt") for n in (1, 2, 3)]
    results = list(cluster.ordered(die_on_2, [paths], (), lambda chunk: [f"died: {p}" for p in chunk]))
    assert results == [[f"ok: {paths[0]}", f"died: {paths[1]}", f"ok: {paths[2]}"]]


def test_the_scheduler_does_not_keep_every_task_it_sent(cluster):
    """Memory must not grow with the batch: Dask's comms would log 1,000 messages, arguments included."""
    chunks = [[f"input-{n}"] for n in range(40)]
    assert [r for rs in cluster.ordered(echo, chunks, (), lambda c: c) for r in rs] == [c[0] for c in chunks]
    scheduler = cluster.client.cluster.scheduler
    assert all(len(comm.recent_message_log) <= 16 for comm in scheduler.stream_comms.values())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="/proc/self/status")
def test_cluster_workers_leave_ctrl_c_to_the_main_process(cluster):
    """SIGINT is blocked in the workers (the main process stops their tasks), not in the main thread."""
    cluster.client.wait_for_workers(2)  # one may be restarting (a test kills one)
    blocked = cluster.client.run(sigint_blocked)
    assert len(blocked) == 2 and all(blocked.values())
    assert not sigint_blocked()


def sigint_blocked() -> bool:
    import signal

    return bool(int(next(line for line in open("/proc/self/status") if line.startswith("SigBlk:")).split()[1], 16)
                & 1 << (signal.SIGINT - 1))


def echo(items: list[str]) -> list[str]:
    return items


def die_on_2(paths: list[str]) -> list[str]:
    if any(p.endswith("2.txt") for p in paths):
        os._exit(1)  # like a segfault or the OOM killer
    return [f"ok: {p}" for p in paths]


# --- the command line: --engine dask gives the files, stdout, report and messages of a local run


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def files_of(directory) -> dict[str, bytes]:
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}


def without_summary(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if " in " not in line or "error" in line]


def on_dask(cluster, *args):
    return run(*args, "--engine", "dask", "--scheduler", cluster.client.scheduler.address)


@pytest.mark.parametrize("fmt", ["json", "md", "txt"])
def test_dask_run_writes_the_files_of_a_local_run(tree, tmp_path, cluster, fmt):
    local = run(tree, "-o", tmp_path / "local", "-f", fmt, "-j1", "--report", tmp_path / "local.json")
    dask = on_dask(cluster, tree, "-o", tmp_path / "dask", "-f", fmt, "--report", tmp_path / "dask.json")
    assert local.exit_code == dask.exit_code == 1  # bad.txt and the broken record fail, the same way
    assert files_of(tmp_path / "dask") == files_of(tmp_path / "local")
    assert without_summary(dask.stderr) == without_summary(local.stderr)
    reports = [json.loads((tmp_path / f"{name}.json").read_text("utf-8")) for name in ("local", "dask")]
    assert reports[0]["inputs"] == [{**entry, "outputs": [o.replace("/dask/", "/local/") for o in entry["outputs"]]}
                                    for entry in reports[1]["inputs"]]


def test_dask_stdout_is_the_local_stream_and_the_bag_on_the_synchronous_scheduler(tree, cluster):
    local = run(tree, "-j1", "-q")
    assert on_dask(cluster, tree, "-q").stdout == local.stdout
    bag = articles_bag([str(tree)], partition_size=2).compute(scheduler="sync")
    assert "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in bag if "error" not in a) == local.stdout


def test_dask_learns_the_template_like_a_local_run(tmp_path, cluster):
    write_tree(tmp_path / "site", 30)
    local = run(tmp_path / "site", "-o", tmp_path / "local", "-j2")
    dask = on_dask(cluster, tmp_path / "site", "-o", tmp_path / "dask")
    assert "learned" in dask.stderr and without_summary(dask.stderr) == without_summary(local.stderr)
    assert files_of(tmp_path / "dask") == files_of(tmp_path / "local")


@pytest.mark.parametrize("args, parts", [(("-f", "jsonl", "--shard-size", "2", "--gzip"), 3),
                                         (("-f", "parquet", "--shard-size", "4"), 2)])
def test_dask_shards_are_the_bytes_of_local_shards(tree, tmp_path, cluster, args, parts):
    local = run(tree, "-o", tmp_path / "local", "-j2", "-q", *args)
    dask = on_dask(cluster, tree, "-o", tmp_path / "dask", "-q", *args)
    assert local.exit_code == dask.exit_code == 1
    assert files_of(tmp_path / "dask") == files_of(tmp_path / "local")
    assert len(files_of(tmp_path / "local")) == parts  # of 6 articles


def test_dask_reads_file_urls(tree, tmp_path, cluster):
    local = run(tree, "-o", tmp_path / "local", "-q")
    dask = on_dask(cluster, f"file://{tree}", "-o", tmp_path / "dask", "-q")
    assert local.exit_code == dask.exit_code == 1
    dask_files = {name: text.replace(b"file://", b"") for name, text in files_of(tmp_path / "dask").items()}
    assert dask_files == files_of(tmp_path / "local")  # the sources are URLs, the rest is the same


def test_engine_dask_without_dask_exits_2_with_the_install_command(tree, monkeypatch):
    monkeypatch.setitem(sys.modules, "distributed", None)
    result = run(tree, "--engine", "dask")
    assert result.exit_code == 2
    assert "pip install 'newsclean[dask]'" in result.stderr


@pytest.mark.parametrize("args, message", [
    (("--scheduler", "tcp://127.0.0.1:8786"), "--scheduler is for --engine dask"),
    (("--engine", "dask", "--timeout", "5"), "--timeout works with --engine local only"),
])
def test_engine_usage_errors_exit_2(tree, args, message):
    result = run(tree, *args)
    assert result.exit_code == 2 and message in result.stderr
