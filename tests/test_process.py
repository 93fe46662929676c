"""newsclean.process: the one path from an input to its records, shared by every run."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys

import pytest

from newsclean.options import Options
from newsclean.process import process_input

from test_batch_dumps import make_dump

RECORDS = [json.dumps({"text": make_dump(n)[0], "url": f"https://example.com/{n}"}, ensure_ascii=False)
           for n in (1, 2, 3)]


@pytest.mark.parametrize("name, data, multi", [
    ("feed.jsonl", "\n".join(RECORDS).encode(), True),
    ("feed.jsonl.gz", gzip.compress("\n".join(RECORDS).encode()), True),
    ("feed.dat.gz", gzip.compress("\n".join(RECORDS).encode()), True),  # sniffed after decompression
    ("one.jsonl.gz", gzip.compress(RECORDS[0].encode()), True),  # a record folder even with one record
    ("dump.txt.gz", gzip.compress(make_dump(1)[0].encode()), False),
    ("dump.txt", make_dump(1)[0].encode(), False),
])
def test_whether_an_input_holds_many_records_is_known_after_decompression(tmp_path, name, data, multi):
    path = tmp_path / name
    path.write_bytes(data)
    processed = process_input(str(path), Options())
    assert processed.error is None and processed.multi is multi
    assert len(processed.records) == (1 if name.startswith(("dump", "one")) else 3)
    assert processed.size == len(data)


def test_a_whole_input_failure_is_one_reason(tmp_path):
    assert process_input(str(tmp_path / "missing.txt"), Options()).error == "No such file or directory"
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    error = process_input(str(tmp_path / "big.txt"), Options(max_bytes=1000)).error
    assert "larger than the" in error and "--" not in error


def test_stdin_bytes_are_given(tmp_path):
    processed = process_input("-", Options(), data="\n".join(RECORDS).encode())
    assert processed.multi and [r.source for r in processed.records] == ["<stdin>:1", "<stdin>:2", "<stdin>:3"]


def test_the_library_imports_neither_click_nor_rich(tmp_path):
    (tmp_path / "1.txt").write_text(make_dump(1)[0], encoding="utf-8")
    code = ("import sys\nimport newsclean, newsclean.dask\n"
            f"newsclean.clean(open({str(tmp_path / '1.txt')!r}, 'rb').read())\n"
            f"newsclean.dask.clean_paths([{str(tmp_path / '1.txt')!r}, {str(tmp_path / 'nothing.txt')!r}])\n"
            "print(sorted(m.split('.')[0] for m in sys.modules if m.split('.')[0] in ('click', 'rich')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_library_messages_name_no_command_line_flag(tmp_path):
    from newsclean.pipeline import clean

    rules = Options(drop_patterns=("^Материалы вестника",), max_bytes=100_000)
    article = clean(make_dump(1)[0], options=rules)
    assert not [b.reason for b in article.blocks if "--rules" in b.reason]
    (tmp_path / "big.txt").write_bytes(b"x" * 2000)
    assert "--" not in process_input(str(tmp_path / "big.txt"), Options(max_bytes=1000)).error
