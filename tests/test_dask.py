"""The Dask engine: articles_bag for users' pipelines, and batch runs on a cluster that give the
same outputs, byte for byte, as a local run (on a LocalCluster and on the synchronous scheduler)."""
from __future__ import annotations

import json
import os

import pytest

pytest.importorskip("dask.bag")
pytest.importorskip("distributed")

from newsclean import clean_many  # noqa: E402
from newsclean.dask import DaskWorkers, articles_bag, clean_paths  # noqa: E402
from newsclean.options import Options  # noqa: E402
from test_batch_dumps import make_dump  # noqa: E402


@pytest.fixture(scope="module")
def cluster():
    """One two-worker local cluster for the whole module (starting one takes seconds)."""
    workers = DaskWorkers.start(2)
    yield workers
    workers.close()


@pytest.fixture
def tree(tmp_path):
    """news/1.txt ... news/5.txt, news/sub/feed.jsonl (2 records, one broken), news/empty.txt."""
    root = tmp_path / "news"
    (root / "sub").mkdir(parents=True)
    for n in range(1, 6):
        (root / f"{n}.txt").write_text(make_dump(n)[0], encoding="utf-8")
    record = json.dumps({"text": make_dump(6)[0], "url": "https://example.com/6"}, ensure_ascii=False)
    (root / "sub" / "feed.jsonl").write_text(record + "\n{broken\n", encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
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


def test_articles_bag_refuses_a_missing_input(tree):
    with pytest.raises(FileNotFoundError, match="missing"):
        articles_bag([str(tree / "missing")])


def test_a_worker_that_dies_fails_only_its_input(tree, cluster):
    paths = [str(tree / f"{n}.txt") for n in (1, 2, 3)]
    results = list(cluster.ordered(die_on_2, [paths], (), lambda chunk: [f"died: {p}" for p in chunk]))
    assert results == [[f"ok: {paths[0]}", f"died: {paths[1]}", f"ok: {paths[2]}"]]


def die_on_2(paths: list[str]) -> list[str]:
    if any(p.endswith("2.txt") for p in paths):
        os._exit(1)  # like a segfault or the OOM killer
    return [f"ok: {p}" for p in paths]
