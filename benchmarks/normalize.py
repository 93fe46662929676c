"""How much the text stages cost on clean Cyrillic text, against a naive read+decode+NFC+write.

    python benchmarks/normalize.py [--files 40] [--kb 100] [--repeat 5]

Generates clean Russian and Ukrainian news-like files (paragraphs, quotes, dashes,
numbers, URLs, a hard-wrapped section) in a temporary folder, then times, on the same
files in the same run:

* naive: read bytes, decode UTF-8, NFC, write;
* text stages: read, decode, then what pipeline.clean_document does to a plain-text
  input but extraction, with the same functions: repair_text (repair_mojibake,
  normalize_chars, fix_homoglyphs), detect_lang, segment (hard-wrap detection and
  joining), typeset_paragraphs on every block; write.

The two are timed in turns, --repeat times, and the best time of each is kept (the
machine's other load touches both alike). Prints both times, throughput and the
ratio (the floor is 4x).
"""
from __future__ import annotations

import argparse
import random
import tempfile
import textwrap
import time
import unicodedata
from pathlib import Path

from newsclean.extract.segment import segment
from newsclean.pipeline import repair_text
from newsclean.text.lang import detect_lang
from newsclean.text.typography import typeset_paragraphs

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
    paragraphs = typeset_paragraphs([block.text for block in segment(text)], lang, "standard")
    target.write_text("\n\n".join(paragraphs), "utf-8")


def run_all(step, files: list[Path], out: Path) -> float:
    start = time.perf_counter()
    for source in files:
        step(source, out / source.name)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=40)
    parser.add_argument("--kb", type=int, default=100, help="size of each file")
    parser.add_argument("--repeat", type=int, default=5)
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
        text_stages(files[0], root / "out" / "warmup")  # lexicons load once, not per file
        baseline = ours = float("inf")
        for _ in range(args.repeat):
            baseline = min(baseline, run_all(naive, files, root / "out"))
            ours = min(ours, run_all(text_stages, files, root / "out"))
    print(f"{args.files} files, {megabytes:.1f} MB of clean Cyrillic text, best of {args.repeat}")
    print(f"naive read+decode+NFC+write:  {baseline:.3f} s ({megabytes / baseline:.0f} MB/s)")
    print(f"newsclean text stages:        {ours:.3f} s ({megabytes / ours:.1f} MB/s)")
    print(f"ratio: {ours / baseline:.1f}x (floor 4x)")


if __name__ == "__main__":
    main()
