import bz2
import gzip
import json
import lzma
import random

import pytest

from newsclean.document import InputError
from newsclean.options import Options
from newsclean.readers import read_documents

TEXT = "Городской совет утвердил новый бюджет на следующий год.\n\nРасходы на транспорт вырастут на треть.\n"
JSONL = "\n".join(json.dumps({"url": f"https://e.org/{n}", "text": TEXT}, ensure_ascii=False) for n in (1, 2))


def read(data: bytes, source: str | None, **options) -> list:
    return list(read_documents(data, source, Options(**options)))


@pytest.mark.parametrize("suffix, compress", [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)])
def test_inner_format_comes_from_the_name_without_the_suffix(suffix, compress):
    documents = read(compress(JSONL.encode()), "dump.jsonl" + suffix)
    assert [d.source for d in documents] == [f"dump.jsonl{suffix}:1", f"dump.jsonl{suffix}:2"]
    (document,) = read(compress(TEXT.encode()), "note.txt" + suffix)
    assert document.kind == "txt" and "бюджет" in document.text


def test_compressed_stdin_is_sniffed():
    documents = read(gzip.compress(JSONL.encode()), None)
    assert len(documents) == 2 and documents[0].hints.url == "https://e.org/1"


def test_concatenated_gzip_members_are_all_read():
    data = gzip.compress(JSONL.encode()[:10]) + gzip.compress(JSONL.encode()[10:])
    assert len(read(data, "dump.jsonl.gz")) == 2


def test_a_gz_that_is_not_gzip():
    with pytest.raises(InputError, match="not a valid gzip file"):
        read(TEXT.encode(), "note.txt.gz")


def test_a_truncated_gzip():
    with pytest.raises(InputError, match="truncated or corrupt gzip"):
        read(gzip.compress(TEXT.encode() * 100)[:40], "note.txt.gz")


@pytest.mark.parametrize("suffix, compress", [(".gz", gzip.compress), (".bz2", bz2.compress), (".xz", lzma.compress)])
def test_a_truncated_compressed_input_of_records_keeps_the_records_before_the_damage(suffix, compress):
    rng = random.Random(1)  # text that compresses poorly: bzip2 gives nothing of a block it has not all of
    records = "\n".join(json.dumps({"url": f"https://e.org/{n}", "text": TEXT + str(rng.random() * 1e4) * 1000})
                        for n in range(1, 201)).encode()
    compressed = compress(records)
    *documents, damage = read(compressed[:len(compressed) * 3 // 4], "dump.jsonl" + suffix)
    urls = [f"https://e.org/{n}" for n in range(1, len(documents) + 1)]
    assert documents and [d.hints.url for d in documents] == urls  # (the record it cut: no error of its own)
    assert isinstance(damage, InputError) and damage.args[0].startswith("truncated or corrupt")
    assert damage.source == "dump.jsonl" + suffix


def test_decompressed_size_is_limited():
    bomb = gzip.compress(b"a" * 5_000_000)
    with pytest.raises(InputError, match="decompressed size exceeds"):
        read(bomb, "bomb.txt.gz", max_bytes=1_000_000)


def test_nested_compression_is_not_unpacked_again():
    with pytest.raises(InputError):
        read(gzip.compress(gzip.compress(TEXT.encode())), "note.txt.gz.gz")
