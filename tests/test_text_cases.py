"""The must-change / must-not-change table in tests/data/text/cases.json, one test per row."""
import json
from pathlib import Path

import pytest

from newsclean.text.homoglyphs import fix_homoglyphs
from newsclean.text.lang import detect_lang
from newsclean.text.normalize import normalize_chars
from newsclean.text.typography import apply_typography
from newsclean.text.wrap import join_wrapped, looks_wrapped

CASES = json.loads((Path(__file__).parent / "data" / "text" / "cases.json").read_text("utf-8"))["cases"]

STAGES = {
    "normalize": lambda case: normalize_chars(case["in"]),
    "homoglyphs": lambda case: fix_homoglyphs(case["in"]),
    "typography": lambda case: apply_typography(case["in"], case["lang"], case.get("profile", "standard")),
    "join": lambda case: join_wrapped(case["in"]),
    "wrapped": lambda case: looks_wrapped(case["in"]),
    "lang": lambda case: detect_lang(case["in"]),
}


@pytest.mark.parametrize("case", CASES, ids=[f"{c['stage']}-{c.get('why', c['out'])}" for c in CASES])
def test_case(case):
    assert STAGES[case["stage"]](case) == case["out"]
