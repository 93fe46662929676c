"""--dedup: exact duplicates (a hash of the normalized body) and near duplicates (MinHash + LSH).

Workers compute a key and a signature per article; the main process keeps the index and
decides, in input order, so the first occurrence is the one written.
Near-duplicate detection needs datasketch (pip install 'newsclean[dedup]'); without it only
exact duplicates are found.
"""
from __future__ import annotations

import re

NUM_PERM = 64  # MinHash permutations: about 600 bytes a signature
THRESHOLD = 0.8  # estimated Jaccard similarity of word 5-shingles that makes a near duplicate
# LSH finds the candidates at a lower similarity, and THRESHOLD decides among them: an LSH of
# 0.8 itself finds a pair of 0.8 one time in three, of 0.92 (one word changed in 130) 92 times
# in 100; at 0.55 it finds 99 in 100 of 0.8 and all but one in 1,000 from 0.85 on
CANDIDATE_THRESHOLD = 0.55
SHINGLE = 5
_WORD = re.compile(r"\w+")


def near_dedup_available() -> bool:
    try:
        import datasketch  # noqa: F401
    except ImportError:
        return False
    return True


def body_key(paragraphs: list[str]) -> str:
    """Equal for bodies that differ only in case, spacing and punctuation."""
    words = _WORD.findall(" ".join(paragraphs).casefold())
    import hashlib  # here: its import costs a small run more than the hashing

    return hashlib.blake2b(" ".join(words).encode(), digest_size=16).hexdigest()


def signature(paragraphs: list[str]):
    """A MinHash signature (a picklable LeanMinHash) of the body's word shingles (worker side)."""
    from datasketch import LeanMinHash, MinHash

    words = _WORD.findall(" ".join(paragraphs).casefold())
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    minhash = MinHash(num_perm=NUM_PERM)
    minhash.update_batch([s.encode() for s in shingles])
    return LeanMinHash(minhash)


class Deduplicator:
    """Remembers the articles seen so far; says which earlier one a new article duplicates."""

    def __init__(self, near: bool):
        self._exact: dict[str, str] = {}
        self._near = None
        if near:
            from datasketch import MinHashLSH

            self._near = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
            self._seen: list[tuple[str, object]] = []  # (label, signature) by insertion

    def duplicate_of(self, label: str, key: str, minhash) -> str | None:
        """The label of an earlier article this one duplicates, or None (and it is remembered)."""
        if key in self._exact:
            return self._exact[key]
        self._exact[key] = label
        if self._near is None or minhash is None:
            return None
        similar = [n for n in sorted(self._near.query(minhash)) if minhash.jaccard(self._seen[n][1]) >= THRESHOLD]
        if similar:
            return self._seen[similar[0]][0]
        self._near.insert(len(self._seen), minhash)
        self._seen.append((label, minhash))
        return None
