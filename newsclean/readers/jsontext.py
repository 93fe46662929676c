"""JSON from inputs (scraper records, JSON-LD): a value nested too deeply is malformed JSON, and the
lone surrogates that escapes such as "\\udc80" decode to (no text can be written with them) become U+FFFD."""
from __future__ import annotations

import json
import re
from typing import Any

LONE_SURROGATE = re.compile("[\ud800-\udfff]")  # json.loads joins the escapes of a pair into one character
SURROGATES_REPLACED = "lone surrogate escapes (\\ud800-\\udfff) replaced with U+FFFD"


def parse_json(text: str) -> Any:
    """The value of a JSON text; raises ValueError when it is malformed or nested too deeply."""
    try:
        return json.loads(text)
    except RecursionError:  # json's C decoder recurses once per level of nesting
        raise ValueError("nested too deeply") from None


def replace_lone_surrogates(value: Any) -> bool:
    """Replace lone surrogates in the strings and keys inside value's dicts and lists with U+FFFD,
    in place (walked with a stack: the depth is the input's); whether there were any."""
    replaced = False
    containers = [value]
    while containers:
        container = containers.pop()
        if isinstance(container, dict):
            replaced |= _replace_in_keys(container)
            slots = list(container.items())
        elif isinstance(container, list):
            slots = list(enumerate(container))
        else:
            continue
        for slot, item in slots:
            if isinstance(item, str) and LONE_SURROGATE.search(item):
                container[slot] = LONE_SURROGATE.sub("\ufffd", item)
                replaced = True
            elif isinstance(item, (dict, list)):
                containers.append(item)
    return replaced


def _replace_in_keys(mapping: dict) -> bool:
    keys = [key for key in mapping if LONE_SURROGATE.search(key)]
    for key in keys:
        mapping[LONE_SURROGATE.sub("\ufffd", key)] = mapping.pop(key)
    return bool(keys)
