"""How much the text stages cost on clean Cyrillic text, against a naive read+decode+NFC+write.

    python benchmarks/normalize.py [--files 40] [--kb 100] [--repeat 3]

Generates clean Russian and Ukrainian news-like files (paragraphs, quotes, dashes,
numbers, URLs, a hard-wrapped section) in a temporary folder, then times, on the same
files in the same run:

* naive: read bytes, decode UTF-8, NFC, write;
* text stages: read, decode, pipeline.repair_text (normalize_chars, repair_mojibake,
  fix_homoglyphs), detect_lang, hard-wrap detection and joining per blank-line group
  (looks_wrapped, join_wrapped with the document vocabulary built only when a line
  ends in a hyphen), apply_typography per paragraph, write.

Prints both times (best of --repeat), throughput and the ratio (the floor is 4x); and,
for information, the same with extract.segment doing the grouping, as the pipeline does
today (segment builds the vocabulary of every document up front).
"""
from __future__ import annotations

import argparse
import random
import re
import tempfile
import textwrap
import time
import unicodedata
from pathlib import Path

from newsclean.extract.segment import segment
from newsclean.pipeline import repair_text
from newsclean.text.lang import detect_lang
from newsclean.text.typography import apply_typography
from newsclean.text.wrap import join_wrapped, looks_wrapped

VOCABULARY_WORD = re.compile("[A-Za-z\u0400-\u052f]{3,}")

WORDS = {
    "ru": "правительство утвердило новый бюджет на следующий год по словам министра финансов дефицит "
          "будет меньше трёх процентов это важный шаг для экономики страны сообщили в пресс-службе "
          "ведомства депутаты рассмотрят документ во втором чтении после консультаций с партнёрами "
          "и экспертами которые предупреждают о рисках инфляции в ближайшие месяцы",
    "uk": "уряд затвердив новий бюджет на наступний рік за словами міністра фінансів дефіцит буде "
          "меншим за три відсотки це важливий крок для економіки країни повідомили в пресслужбі "
          "відомства депутати розглянуть документ у другому читанні після консультацій з партнерами "
          "та експертами які попереджають про ризики інфляції найближчими місяцями м’ясо об’єкт",
}


def make_paragraph(rng: random.Random, words: list[str]) -> str:
    sentences = []
    for _ in range(rng.randint(2, 5)):
        sentence = rng.choices(words, k=rng.randint(8, 20))
        if rng.random() < 0.3:
            i = rng.randrange(len(sentence) - 2)
            sentence[i:i + 2] = [f"\"{sentence[i]} {sentence[i + 1]}\""]
        if rng.random() < 0.3:
            sentence.insert(rng.randrange(1, len(sentence)), "-")
        if rng.random() < 0.2:
            sentence.insert(rng.randrange(1, len(sentence)), f"{rng.randint(1, 999)} 000")
        sentences.append(" ".join(sentence).capitalize() + ".")
    return " ".join(sentences)


def make_file(rng: random.Random, lang: str, size: int) -> str:
    words = WORDS[lang].split()
    paragraphs = ["https://example.com.ua/news/2024/11/08/story", "Главная\nНовости\nПолитика"]
    while sum(map(len, paragraphs)) < size:
        paragraph = make_paragraph(rng, words)
        if rng.random() < 0.1:
            paragraph = "\n".join(textwrap.wrap(paragraph, 70))  # a "print version" section
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs) + "\n"


def naive(source: Path, target: Path) -> None:
    target.write_text(unicodedata.normalize("NFC", source.read_bytes().decode("utf-8")), "utf-8")


def text_stages(source: Path, target: Path) -> None:
    text = repair_text(source.read_bytes().decode("utf-8"))
    lang = detect_lang(text)
    vocabulary = None
    paragraphs = []
    for group in text.split("\n\n"):
        lines = [line for line in group.split("\n") if line]
        if len(lines) > 1 and looks_wrapped(lines):
            if vocabulary is None and any(line.endswith("-") for line in lines):
                vocabulary = frozenset(VOCABULARY_WORD.findall(text.lower()))
            paragraphs.append(join_wrapped(lines, vocabulary or frozenset()))
        else:
            paragraphs += lines
    target.write_text("\n\n".join(apply_typography(p, lang, "standard") for p in paragraphs), "utf-8")


def with_segment(source: Path, target: Path) -> None:
    text = repair_text(source.read_bytes().decode("utf-8"))
    lang = detect_lang(text)
    blocks = segment(text)
    target.write_text("\n\n".join(apply_typography(b.text, lang, "standard") for b in blocks), "utf-8")


def best_time(step, files: list[Path], out: Path, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for source in files:
            step(source, out / source.name)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--kb", type=int, default=100, help="size of each file")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(4)
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "out").mkdir()
        files = []
        for i in range(args.files):
            path = root / f"{i:03}.txt"
            path.write_text(make_file(rng, ("ru", "uk")[i % 2], args.kb * 1000), "utf-8")
            files.append(path)
        megabytes = sum(f.stat().st_size for f in files) / 1e6
        with_segment(files[0], root / "out" / "warmup")  # lexicons load once, not per file
        baseline = best_time(naive, files, root / "out", args.repeat)
        ours = best_time(text_stages, files, root / "out", args.repeat)
        segmented = best_time(with_segment, files, root / "out", args.repeat)
    print(f"{args.files} files, {megabytes:.1f} MB of clean Cyrillic text, best of {args.repeat}")
    print(f"naive read+decode+NFC+write:  {baseline:.3f} s ({megabytes / baseline:.0f} MB/s)")
    print(f"newsclean text stages:        {ours:.3f} s ({megabytes / ours:.1f} MB/s)")
    print(f"ratio: {ours / baseline:.1f}x (floor 4x)")
    print(f"(grouping by extract.segment: {segmented:.3f} s, {segmented / baseline:.1f}x)")


if __name__ == "__main__":
    main()
