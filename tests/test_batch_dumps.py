"""Generated news dumps for the batch tests and benchmarks/batch.py: one site template, many articles.

The template has lines a classifier cannot reject on their own (a tagline and a subscription
plea that read like prose): only their repetition across the batch gives them away.
"""
from __future__ import annotations

import random

NAV = ["Главная", "Новости", "Политика", "Экономика", "Общество"]
# Read like sentences, so only batch knowledge can tell they are the site's, not the article's.
TEMPLATE_PROSE = [
    "Городской вестник рассказывает о главных событиях столицы каждый день с утра до вечера.",
    "Материалы вестника готовят журналисты, которые живут и работают в нашем городе много лет.",
]
FOOTER = ["Читайте также", "Поделиться", "© 2024 Городской вестник. Все права защищены."]

SUBJECTS = ["Мэрия", "Правительство области", "Городской совет", "Компания подрядчик", "Министерство транспорта",
            "Жители района", "Депутаты", "Эксперты", "Представители бизнеса", "Сотрудники больницы"]
VERBS = ["объявили о", "обсудили", "одобрили", "раскритиковали", "начали", "завершили", "перенесли",
         "поддержали", "предложили", "отложили"]
OBJECTS = ["строительство нового моста", "ремонт городских дорог", "открытие детского сада",
           "реконструкцию парка", "закупку автобусов", "повышение тарифов", "программу озеленения",
           "проект новой библиотеки", "модернизацию больницы", "расширение метро"]
DETAILS = ["в ближайшие месяцы", "несмотря на возражения", "после долгих споров", "уже в этом году",
           "по просьбе горожан", "за счёт городского бюджета", "вместе с соседними районами"]


def article_sentences(rng: random.Random, count: int) -> list[str]:
    return [f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} {rng.choice(DETAILS)}, "
            f"сообщает корреспондент номер {rng.randrange(10**6)}." for _ in range(count)]


def make_dump(number: int, paragraphs: int = 4) -> tuple[str, list[str]]:
    """An innerText dump of article `number` in the site's template, and its body paragraphs."""
    rng = random.Random(number)
    title = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}: выпуск {number}"
    body = [" ".join(article_sentences(rng, 3)) for _ in range(paragraphs)]
    lines = NAV + ["", TEMPLATE_PROSE[0], "", title, ""]
    for paragraph in body:
        lines += [paragraph, ""]
    lines += [TEMPLATE_PROSE[1], ""] + FOOTER
    return "\n".join(lines) + "\n", body


def write_tree(root, count: int, per_dir: int = 50) -> list:
    """`count` dumps under root/sNN/NNNNN.txt; returns their paths."""
    paths = []
    for number in range(count):
        directory = root / f"s{number // per_dir:02d}"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / f"{number:05d}.txt"
        path.write_text(make_dump(number)[0], encoding="utf-8")
        paths.append(path)
    return paths


def test_dumps_differ_but_share_the_template():
    first, body1 = make_dump(1)
    second, body2 = make_dump(2)
    assert body1 != body2
    assert all(line in first and line in second for line in TEMPLATE_PROSE + FOOTER)
