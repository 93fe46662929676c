"""Signals through a real process: Ctrl-C (SIGINT to the process group, as a terminal sends it)
and a closed stdout pipe."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from test_batch_dumps import write_tree

# The newsclean command with every document slowed down (workers are forked: they inherit it).
SLOW_NEWSCLEAN = """
import sys, time
import newsclean.pipeline as pipeline
real = pipeline.clean_document
def slow(document, options=pipeline.DEFAULT_OPTIONS):
    time.sleep({delay})
    return real(document, options)
pipeline.clean_document = slow
try:
    import newsclean.process
    newsclean.process.clean_document = slow
except ImportError:  # before newsclean.process existed
    pass
from newsclean.cli import main
sys.argv[0] = "newsclean"
main()
"""


def newsclean(args, delay=0.0, **kwargs):
    return subprocess.Popen([sys.executable, "-c", SLOW_NEWSCLEAN.format(delay=delay), *map(str, args)],
                            start_new_session=True, **kwargs)


def written(directory) -> set[str]:
    return {str(p) for p in directory.rglob("*") if p.is_file()}


def group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


def _dask_available() -> bool:
    from newsclean.dask import dask_available

    return dask_available()


@pytest.mark.skipif(sys.platform != "linux", reason="fork and process groups")
@pytest.mark.parametrize("engine", [["-j", "1"], ["-j", "2"], pytest.param(
    ["-j", "2", "--engine", "dask"], marks=pytest.mark.skipif(not _dask_available(), reason="needs dask"))])
def test_ctrl_c_three_times_exits_130_with_a_true_report_and_no_process_left(tmp_path, engine):
    write_tree(tmp_path / "in", 120)
    out, report = tmp_path / "out", tmp_path / "report.json"
    process = newsclean([tmp_path / "in", "-o", out, *engine, "--no-learn", "--report", report],
                        delay=0.05, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(written(out) if out.exists() else ()) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    for _ in range(3):
        os.killpg(process.pid, signal.SIGINT)
        time.sleep(0.05)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and "interrupted" in stderr
    time.sleep(0.5)
    assert group_is_gone(process.pid)  # no worker outlives the command
    files = written(out)
    time.sleep(0.5)
    assert written(out) == files  # nothing written after exit
    assert not [f for f in files if ".newsclean" in f or f.endswith(".tmp")]
    data = json.loads(report.read_text(encoding="utf-8"))
    reported = {o for e in data["inputs"] for o in e["outputs"]}
    assert reported == files and 5 <= len(files) < 120
    assert data["summary"]["interrupted"] and data["summary"]["exit_status"] == 130


@pytest.mark.skipif(sys.platform != "linux", reason="fork and process groups")
def test_a_closed_stdout_pipe_ends_the_batch_quietly(tmp_path):
    write_tree(tmp_path / "in", 200)
    process = newsclean([tmp_path / "in", "-j2", "--no-learn"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    first = process.stdout.readline()
    process.stdout.close()  # `| head -1`
    stderr = process.stderr.read().decode()
    process.wait(timeout=60)
    assert json.loads(first)["source"].endswith("00000.txt")
    assert process.returncode == 141 and stderr == ""
    assert group_is_gone(process.pid)


def _start_and_wait_for_outputs(tmp_path, *flags):
    write_tree(tmp_path / "in", 120)
    out, report = tmp_path / "out", tmp_path / "report.json"
    process = newsclean([tmp_path / "in", "-o", out, "-j", "2", "--no-learn", "--report", report, *flags],
                        delay=0.05, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 30
    while len(written(out) if out.exists() else ()) < 5 and time.monotonic() < deadline:
        time.sleep(0.02)
    return process, out, report


@pytest.mark.skipif(sys.platform != "linux", reason="fork and process groups")
@pytest.mark.parametrize("group", [False, True], ids=["the command", "its group"])
def test_sigterm_stops_the_workers_too_and_the_report_lists_every_output(tmp_path, group):
    process, out, report = _start_and_wait_for_outputs(tmp_path)
    if group:  # a job scheduler may signal the whole group: the workers too
        os.killpg(process.pid, signal.SIGTERM)
    else:
        process.send_signal(signal.SIGTERM)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 143 and "Traceback" not in stderr
    time.sleep(0.5)
    assert group_is_gone(process.pid)
    files = written(out)
    data = json.loads(report.read_text(encoding="utf-8"))
    assert {o for e in data["inputs"] for o in e["outputs"]} == files and len(files) < 120
    assert data["summary"]["exit_status"] == 143


@pytest.mark.skipif(sys.platform != "linux", reason="fork and process groups")
def test_workers_of_a_killed_command_stop_at_once(tmp_path):
    process, out, _ = _start_and_wait_for_outputs(tmp_path)
    process.kill()  # SIGKILL: nothing of the command runs; its workers must not go on alone
    process.communicate(timeout=60)
    deadline = time.monotonic() + 10
    while not group_is_gone(process.pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert group_is_gone(process.pid)
    files = written(out)
    time.sleep(0.5)
    assert written(out) == files and not [f for f in files if ".newsclean" in f or f.endswith(".tmp")]


@pytest.mark.skipif(sys.platform != "linux", reason="fork and process groups")
@pytest.mark.parametrize("engine", [[], pytest.param(  # dask: learning on local processes while the cluster starts
    ["--engine", "dask"], marks=pytest.mark.skipif(not _dask_available(), reason="needs dask"))])
def test_ctrl_c_during_the_learning_pass_stops_it(tmp_path, engine):
    write_tree(tmp_path / "in", 60)
    out = tmp_path / "out"
    process = newsclean([tmp_path / "in", "-o", out, "-j", "2", *engine], delay=0.3, stderr=subprocess.PIPE,
                        text=True)
    time.sleep(2)  # learning from the first inputs (0.3 s each): about 9 s in all
    os.killpg(process.pid, signal.SIGINT)
    stderr = process.communicate(timeout=60)[1]
    assert process.returncode == 130, stderr
    assert "learned" not in stderr  # it stopped there: nothing learned,
    assert not (out.exists() and written(out))  # nothing cleaned
    assert group_is_gone(process.pid)


def _catches_sigterm(pid: int) -> bool:
    """Whether the process has set its SIGTERM handler (the command's: Python sets none)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        caught = next(line for line in status if line.startswith("SigCgt:")).split()[1]
    return bool(int(caught, 16) >> (signal.SIGTERM - 1) & 1)


@pytest.mark.skipif(sys.platform != "linux", reason="process groups, /proc and named pipes")
@pytest.mark.parametrize("signum, status", [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
@pytest.mark.parametrize("source", ["stdin", "a pipe"])
def test_a_signal_ends_the_wait_for_stdin_or_a_pipe_nobody_writes_to(tmp_path, signum, status, source):
    """Python retries a read a signal interrupts: the wait must end all the same."""
    writer = None
    if source == "a pipe":
        pipe = tmp_path / "q.txt"
        os.mkfifo(pipe)
        process = newsclean([pipe, tmp_path / "other.txt", "-o", tmp_path / "out"], stdin=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 30
        while writer is None and time.monotonic() < deadline:  # opens once the command opened it to read
            try:
                writer = os.open(pipe, os.O_WRONLY | os.O_NONBLOCK)
            except OSError:
                time.sleep(0.02)
    else:
        process = newsclean(["-"], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            text=True)
        deadline = time.monotonic() + 30
        while not _catches_sigterm(process.pid) and time.monotonic() < deadline:
            time.sleep(0.02)
    try:
        time.sleep(0.2)  # in the read (a signal before it ends the wait as well)
        os.killpg(process.pid, signum)
        process.wait(timeout=30)  # (stdin stays open, unwritten: communicate() would close it)
        stderr = process.stderr.read()
    finally:
        if writer is not None:
            os.close(writer)
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == status, stderr
    assert "Traceback" not in stderr
