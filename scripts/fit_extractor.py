"""Fit the extractor's weights (newsclean/lexicons/extractor.json) on gold cases, reproducibly.

    python scripts/fit_extractor.py [--shared ../shared] [--out newsclean/lexicons/extractor.json]

Reads the project's own cases (tests/data/cases) and, when present, the shared dev corpus,
../shared/corpus/real and ../shared/corpus/modern (page.txt and page.html of each). Block labels
come from token alignment of each block with the gold body; the block weights are a logistic
regression (NumPy, a dev-only dependency), the sequence costs and the title threshold are chosen
by a grid search on the same training part. A fifth of the cases (by outlet, so that no outlet is
on both sides) is held back: the figures of both parts are printed and stored with the weights.
Only numbers are written: no text of the cases goes into the repository.
"""
from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import sys
import unicodedata
import zlib
from collections import Counter

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from newsclean.document import InputError  # noqa: E402
from newsclean.extract import classify as classifier  # noqa: E402
from newsclean.extract.features import CONTEXT_NAMES, NAMES, with_context  # noqa: E402
from newsclean.extract.roles import METADATA_RULES  # noqa: E402
from newsclean.extract.sequence import State, decode, evidence  # noqa: E402
from newsclean.extract.titles import NAMES as TITLE_NAMES  # noqa: E402
from newsclean.extract.titles import candidate_rows, main_start, title_text  # noqa: E402
from newsclean.fields.vocabulary import title_key  # noqa: E402
from newsclean.options import Options  # noqa: E402
from newsclean.pipeline import document_blocks  # noqa: E402
from newsclean.readers import read_documents  # noqa: E402
from newsclean.text.lang import detect_lang  # noqa: E402

ROOT = os.path.join(os.path.dirname(__file__), "..")
_TOKEN = re.compile(r"\w+")
HELD_BACK = 5  # one part in five
# The cases written to the normalization spec (../shared/corpus/README.md: what a clean article
# keeps, subheadings and list items included) weigh more than the real pages, whose references
# were cleaned by other hands.
SPEC_WEIGHT = 4.0
HTML_TOLERANCE = 0.002
FOLDS = 4  # the outlets of the fitted part, in parts, to choose the title choice's penalty
CHOICE_PENALTIES = (0.5, 3.0, 10.0, 30.0)
TITLE_TOLERANCE = 0.02


def tokens(text: str) -> list[str]:
    """As the scorers count words: NFKC, lowercase, ё -> е."""
    return _TOKEN.findall(unicodedata.normalize("NFKC", text).lower().replace("ё", "е"))


def _golds(folder: str):
    """(case name, case folder, gold) of every case of a corpus folder, if it is here."""
    if not os.path.isdir(folder):
        return
    for name in sorted(os.listdir(folder)):
        gold_path = os.path.join(folder, name, "gold.json")
        if os.path.isfile(gold_path):
            with open(gold_path, encoding="utf-8") as stream:
                yield name, os.path.join(folder, name), json.load(stream)


def cases(shared: str):
    """(group key, input path, gold body lines, gold title, weight) of every single-article case."""
    for folder in (os.path.join(ROOT, "tests/data/cases"), os.path.join(shared, "corpus/dev")):
        for name, case, gold in _golds(folder):
            if "body" not in gold:
                continue  # JSON Lines cases hold several records
            inputs = [f for f in os.listdir(case) if f.startswith("input.")]
            lines = list(gold["body"]) + list(gold.get("subheadings") or [])
            yield name, os.path.join(case, inputs[0]), lines, gold.get("title"), SPEC_WEIGHT
    for corpus in ("real", "modern"):
        for name, case, gold in _golds(os.path.join(shared, "corpus", corpus)):
            if not gold.get("text"):
                continue
            group = gold.get("outlet") or re.sub(r"_\d{4}_\d\d_\d\d$", "", name)
            lines = gold["text"].split("\n")
            title = gold.get("title")
            if title and lines and title_key(lines[0]) == title_key(title):
                lines = lines[1:]  # the reference begins with the headline: the title is apart
            for page in ("page.txt", "page.html"):
                yield group, os.path.join(case, page), lines, title, 1.0


class Case:
    """One input prepared as the classifier sees it, with labels from the gold body."""

    def __init__(self, group: str, path: str, lines: list[str], title: str | None, weight: float):
        self.group, self.path, self.title, self.weight = group, path, title, weight
        with open(path, "rb") as stream:
            data = stream.read()
        documents = [d for d in read_documents(data, path, Options()) if not isinstance(d, InputError)]
        if len(documents) != 1:
            raise InputError("not one article", path)
        document = documents[0]
        self.blocks, text = document_blocks(document, [])
        self.lang = document.hints.lang or detect_lang(text)
        self.hint = document.hints.title
        self.html = document.kind == "html"
        self.shapes, self.rules, rows, _ = classifier.prepare(self.blocks, self.lang, None, self.html)
        self.x = np.array(rows, dtype=float).reshape(len(rows), len(NAMES))
        self.gold = Counter(t for line in lines for t in tokens(line))
        gold_lines = {tuple(tokens(line)) for line in lines}
        bigrams = {pair for line in lines for pair in itertools.pairwise(tokens(line))}
        title = title_key(title) if title else None
        self.block_tokens = [tokens(b.text) for b in self.blocks]
        self.metadata = [r is not None and r[0] in METADATA_RULES for r in self.rules]
        labels, weights = [], []
        for toks, s in zip(self.block_tokens, self.shapes):
            if title and s.title_key == title:
                labels.append(0), weights.append(0.0)  # the title is chosen apart
                continue
            if len(toks) >= 3:
                pairs = list(itertools.pairwise(toks))
                label = sum(p in bigrams for p in pairs) / len(pairs) >= 0.5
            else:
                label = tuple(toks) in gold_lines
            labels.append(float(label))
            weights.append((len(toks) + 1) ** 0.5)
        self.y = np.array(labels)
        total = sum(weights) or 1.0
        self.w = np.array(weights) / total * 100 * weight  # every case of a corpus weighs the same

    def f1(self, kept: list[bool]) -> float:
        got = Counter(t for toks, k in zip(self.block_tokens, kept) if k for t in toks)
        common = sum((got & self.gold).values())
        if not common:
            return float(not got and not self.gold)
        p, r = common / sum(got.values()), common / sum(self.gold.values())
        return 2 * p * r / (p + r)


def fit_logistic(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    """Weighted L2-regularised logistic regression by Newton's method (the bias not regularised)."""
    beta = np.zeros(x.shape[1])
    penalty = np.full(x.shape[1], l2)
    penalty[0] = 1e-6
    for _ in range(steps):
        p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
        gradient = x.T @ (w * (p - y)) + penalty * beta
        hessian = (x * (w * p * (1 - p))[:, None]).T @ x + np.diag(penalty)
        step = np.linalg.solve(hessian, gradient)
        beta -= step
        if np.abs(step).max() < 1e-7:
            break
    return beta


def fit_choice(groups: list[tuple[np.ndarray, np.ndarray]], l2: float, steps: int = 3000) -> np.ndarray:
    """A conditional logit: the chosen title is the softmax argmax among a page's candidates
    (the candidates compete, unlike independent yes/no scores). Gradient descent with Adam, all
    pages at once (their candidate rows stacked, the softmax summed per page)."""
    x = np.vstack([rows for rows, _ in groups])
    sizes = [len(labels) for _, labels in groups]
    firsts = np.cumsum([0] + sizes[:-1])
    page = np.repeat(np.arange(len(groups)), sizes)
    target = np.concatenate([labels / labels.sum() for _, labels in groups])
    beta = np.zeros(x.shape[1])
    moment, square = np.zeros_like(beta), np.zeros_like(beta)
    for step in range(1, steps + 1):
        z = x @ beta
        p = np.exp(z - np.maximum.reduceat(z, firsts)[page])
        p /= np.add.reduceat(p, firsts)[page]
        gradient = (l2 * beta - x.T @ (target - p)) / len(groups)
        moment = 0.9 * moment + 0.1 * gradient
        square = 0.999 * square + 0.001 * gradient ** 2
        beta -= 0.05 * (moment / (1 - 0.9 ** step)) / (np.sqrt(square / (1 - 0.999 ** step)) + 1e-8)
    return beta


def choice_penalty(data) -> float:
    """The L2 penalty of the title choice by its accuracy on outlets left out of the fit (FOLDS
    parts by outlet): with few pages per layout and many features, an unpenalized fit learns the
    layouts. The lightest penalty within TITLE_TOLERANCE of the best: a smaller difference is a
    few pages of one outlet."""
    folds = [zlib.crc32(group.encode()) // HELD_BACK % FOLDS for _, _, group in data]

    def left_out_accuracy(l2: float) -> float:
        right = 0.0
        for fold in range(FOLDS):
            beta = fit_choice([(x, y) for (x, y, _), f in zip(data, folds) if f != fold and y.any()], l2)
            right += title_accuracy([(x, y, g) for (x, y, g), f in zip(data, folds) if f == fold], beta, 0.0) \
                * folds.count(fold)
        return right / len(data)

    scores = {l2: left_out_accuracy(l2) for l2 in CHOICE_PENALTIES}
    print("title choice (L2: accuracy on outlets left out):", {k: round(v, 4) for k, v in scores.items()},
          file=sys.stderr)
    return min(l2 for l2, accuracy in scores.items() if accuracy >= max(scores.values()) - TITLE_TOLERANCE)


def probabilities(case: Case, beta: np.ndarray) -> list[float]:
    return list(1 / (1 + np.exp(-np.clip(case.x @ beta, -30, 30))))


def decoded(case: Case, p: list[float], costs: dict) -> list[State]:
    return decode(evidence(p, case.metadata, case.html, costs), costs)


def mean_f1(part: list[Case], beta: np.ndarray, costs: dict) -> float:
    """Mean body F1 of the cases, weighted as in the fit."""
    f1 = [c.f1([s == State.ARTICLE and not m for s, m in zip(decoded(c, probabilities(c, beta), costs), c.metadata)])
          for c in part]
    return float(np.average(f1, weights=[c.weight for c in part]))


def title_data(part: list[Case], beta: np.ndarray, costs: dict):
    """Per text dump with a gold title: (candidate rows, labels, group). (An HTML page's title comes from
    its metadata: trafilatura leaves the headline out of the blocks.)"""
    out = []
    for c in part:
        if not c.title or c.html:
            continue
        states = decoded(c, probabilities(c, beta), costs)
        start = next((i for i, s in enumerate(states) if s == State.ARTICLE), len(states))
        found, rows = candidate_rows(c.blocks, c.shapes, c.rules, start, c.hint, c.html, main_start(states, c.shapes))
        key = title_key(c.title)
        labels = [float(title_key(title_text(c.blocks[i].text)) == key) for i in found]  # as classify trims it
        out.append((np.array(rows, dtype=float).reshape(len(rows), len(TITLE_NAMES)), np.array(labels), c.group))
    return out


def title_accuracy(data, beta: np.ndarray, threshold: float) -> float:
    right = 0
    for x, y, _ in data:
        if len(y):
            p = 1 / (1 + np.exp(-np.clip(x @ beta, -30, 30)))
            best = int(np.argmax(p))
            right += bool(p[best] >= threshold and y[best])
    return right / max(1, len(data))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join(ROOT, "..", "shared"))
    parser.add_argument("--out", default=os.path.join(ROOT, "newsclean/lexicons/extractor.json"))
    args = parser.parse_args()
    train, held = [], []
    for group, path, lines, title, weight in cases(args.shared):
        try:
            case = Case(group, path, lines, title, weight)
        except InputError:
            continue
        (held if zlib.crc32(group.encode()) % HELD_BACK == 0 else train).append(case)
    print(f"cases: {len(train)} to fit, {len(held)} held back", file=sys.stderr)
    y = np.concatenate([c.y for c in train])
    w = np.concatenate([c.w for c in train])
    local = fit_logistic(np.vstack([c.x for c in train]), y, w)
    for c in train + held:  # the second pass sees the first pass's scores of the neighbours
        c.x = np.array(with_context(c.x.tolist(), probabilities(c, local)), dtype=float).reshape(
            len(c.blocks), len(NAMES + CONTEXT_NAMES))
    beta = fit_logistic(np.vstack([c.x for c in train]), y, w)
    grid = [dict(box_enter=a, box_stay=b, end=e) for a in (0, 0.1, 0.25, 0.5, 1, 2) for b in (0, 0.1, 0.25, 0.5)
            for e in (0, 0.1, 0.25, 0.5, 1, 2, 4)]
    costs = max(grid, key=lambda g: mean_f1(train, beta, dict(g, html_keep=0.0)))
    html = [c for c in train if c.html]
    # trafilatura's choice of an HTML page's blocks is the floor: lean to keeping them as far as
    # the data cannot tell (the largest prior within HTML_TOLERANCE of the best mean F1)
    html_f1 = {k: mean_f1(html, beta, dict(costs, html_keep=k)) for k in (0.0, 0.25, 0.5, 1.0, 2.0)}
    costs["html_keep"] = max(k for k, f1 in html_f1.items() if f1 >= max(html_f1.values()) - HTML_TOLERANCE)
    print("HTML prior (html_keep: mean F1):", {k: round(f, 4) for k, f in html_f1.items()}, file=sys.stderr)
    titles_train = title_data(train, beta, costs)
    answerable = [(x, y) for x, y, _ in titles_train if y.any()]  # the title is one of the candidates
    penalty = choice_penalty(titles_train)
    title_beta = fit_choice(answerable, penalty)
    threshold = max((0.0, 0.01, 0.02, 0.05, 0.1, 0.2), key=lambda t: title_accuracy(titles_train, title_beta, t))
    titles_held = title_data(held, beta, costs)
    figures = {
        "cases_fitted": len(train), "cases_held_back": len(held),
        "body_f1_fitted": round(mean_f1(train, beta, costs), 4),
        "body_f1_held_back": round(mean_f1(held, beta, costs), 4),
        "title_penalty": penalty,
        "title_fitted": round(title_accuracy(titles_train, title_beta, threshold), 4),
        "title_held_back": round(title_accuracy(titles_held, title_beta, threshold), 4),
    }
    print(json.dumps(figures, indent=1), file=sys.stderr)
    model = {
        "_comment": "Fitted by scripts/fit_extractor.py: do not edit by hand. 'block': logistic weights of "
                    "extract.features.NAMES; 'sequence': the Viterbi costs; 'title': weights of "
                    "extract.titles.NAMES and the least score a title needs; 'fit': the figures of the fit.",
        "local": {"features": list(NAMES), "weights": [round(float(v), 4) for v in local]},
        "block": {"features": list(NAMES + CONTEXT_NAMES), "weights": [round(float(v), 4) for v in beta]},
        "sequence": costs,
        "title": {"features": list(TITLE_NAMES), "weights": [round(float(v), 4) for v in title_beta],
                  "threshold": threshold},
        "fit": figures,
    }
    with open(args.out, "w", encoding="utf-8") as stream:
        json.dump(model, stream, indent=1)
        stream.write("\n")


if __name__ == "__main__":
    main()
