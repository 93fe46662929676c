"""What newsclean costs on HTML pages next to bare trafilatura, and how much better it does.

    python benchmarks/html_cost.py [--pages 50] [--rounds 3] [--real 'corpus/*/page.html']

Generates realistic Cyrillic news pages from templates (menus, cookie banners, JSON-LD or
OpenGraph or neither, read-also and ad blocks inside the body, lists, quotes, comments,
sidebars, scripts), then in one run times:

  trafilatura   trafilatura.extract(html) with its defaults (the anchor, 1.00x)
  reader        newsclean's HTML reader alone (parse, metadata, trafilatura, blocks)
  clean         newsclean.clean(): the whole pipeline (reader, classifier, normalizers)

and scores body token F1, title and date of trafilatura (extract with metadata) and of
newsclean against the pages' known content. Timings are the best of --rounds rounds.

With --real GLOB, the pages are saved ones (no known content: only the timings). VM wall time is
noisy; for a steady figure, count instructions (valgrind --tool=cachegrind, PYTHONHASHSEED=0).
"""
from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SENTENCES = [
    "Городской совет утвердил новый бюджет на следующий год после долгих споров депутатов.",
    "Расходы на транспорт вырастут на треть, а на ремонт школ выделят вдвое больше, чем раньше.",
    "Оппозиция назвала документ нереалистичным и пообещала обжаловать отдельные статьи в суде.",
    "По словам мэра, главные стройки начнутся весной, когда подрядчики получат первые авансы.",
    "Жители трёх районов жалуются на перебои с водой, которые продолжаются уже вторую неделю.",
    "В министерстве пообещали, что новые правила вступят в силу не раньше первого марта.",
    "Эксперты считают, что цены на топливо до конца года останутся на нынешнем уровне.",
    "Команда провела сборы в горах и вернулась в город за три дня до начала сезона.",
    "Выставка продлится до конца месяца, вход для школьников и студентов будет бесплатным.",
    "Міська рада ухвалила програму ремонту доріг, на яку виділили понад двісті мільйонів гривень.",
    "Перевізники пояснюють підвищення цін зростанням вартості пального та запчастин.",
    "Синоптики попереджають про сильний вітер і зливи в західних областях країни.",
    "У бібліотеці відкрили новий читальний зал, де можна працювати до пізнього вечора.",
    "Тренер назвав кілька причин поразки й пообіцяв змінити склад на наступну гру.",
]
HEADLINES = [
    "Совет утвердил бюджет на следующий год", "В городе отремонтируют сорок школ",
    "Міська рада ухвалила програму ремонту доріг", "Цены на топливо останутся прежними",
    "Синоптики попередили про зливи та сильний вітер", "Команда вернулась со сборов",
]
AUTHORS = ["Анна Смирнова", "Олег Ким", "Тарас Кулик", "Ірина Мельник", "Дмитрий Орлов"]
SITES = ["Городские новости", "Вечерний курьер", "Новини регіону", "Столичный вестник"]
MENU = ["Главная", "Политика", "Экономика", "Общество", "Спорт", "Культура", "Происшествия", "Мнения",
        "Фото", "Видео", "Афиша", "Погода", "Курсы валют", "Контакты"]


def make_page(number: int) -> tuple[str, dict]:
    """One page and its gold: title, date, body paragraphs (subheadings and list items included)."""
    rng = random.Random(number)
    site, author, title = rng.choice(SITES), rng.choice(AUTHORS), rng.choice(HEADLINES) + f" ({number})"
    day = f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    body: list[str] = []
    html_body: list[str] = []
    for part in range(rng.randint(2, 4)):
        if part:
            heading = f"Подробности {part}"
            body.append(heading)
            html_body.append(f"<h2>{heading}</h2>")
        for _ in range(rng.randint(2, 4)):
            text = " ".join(rng.sample(SENTENCES, 2))
            body.append(text)
            html_body.append(f"<p>{text}</p>")
        if rng.random() < 0.4:
            items = rng.sample(SENTENCES, 3)
            body += items
            html_body.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
        if rng.random() < 0.4:
            html_body.append(f'<div class="read-also">Читайте также: <a href="/n/{rng.randint(1, 999)}">'
                             f'{rng.choice(HEADLINES)}</a></div>')
        if rng.random() < 0.3:
            html_body.append('<div class="ad-slot"><span>Реклама</span> Кредит без справок за 5 минут</div>')
    layout = number % 3
    head = [f"<title>{title} | {site}</title>", '<meta charset="utf-8">',
            f'<meta property="og:title" content="{title} — {site}">',
            f'<meta property="og:site_name" content="{site}">']
    if layout == 0:
        ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": title,
              "datePublished": f"{day}T10:00:00+03:00", "author": [{"@type": "Person", "name": author}]}
        head.append(f'<script type="application/ld+json">{json.dumps(ld, ensure_ascii=False)}</script>')
    elif layout == 1:
        head.append(f'<meta property="article:published_time" content="{day}T08:30:00Z">')
    head.append("<script>" + "window.dataLayer=window.dataLayer||[];function gtag(){}" * 40 + "</script>")
    head.append("<style>" + ".a{color:red}" * 300 + "</style>")
    nav = "<nav><ul>" + "".join(f'<li><a href="/{i}">{m}</a></li>' for i, m in enumerate(MENU * 4)) + "</ul></nav>"
    sidebar = "<aside><h3>Популярное</h3><ul>" + "".join(
        f'<li><a href="/p/{i}">{rng.choice(HEADLINES)}</a> <span>{rng.randint(1, 28)} октября</span></li>'
        for i in range(12)) + "</ul></aside>"
    comments = '<section id="comments"><h3>Комментарии</h3>' + "".join(
        f'<div class="comment"><b>user{i}</b><p>{rng.choice(SENTENCES)}</p></div>' for i in range(6)) + "</section>"
    # a news page carries much more than its article: teaser feeds, a store of app state, big footers
    teasers = '<section class="more-news"><h2>Другие новости</h2>' + "".join(
        f'<div class="card"><a href="/n/{i}"><img src="/t/{i}.jpg" alt=""><h3>{rng.choice(HEADLINES)}</h3></a>'
        f'<p>{rng.choice(SENTENCES)}</p><time>{rng.randint(0, 23)}:{rng.randint(10, 59)}</time></div>'
        for i in range(24)) + "</section>"
    state = {"articles": [{"id": i, "title": rng.choice(HEADLINES), "lead": rng.choice(SENTENCES)} for i in range(60)]}
    head.append(f"<script>window.__STATE__={json.dumps(state, ensure_ascii=False)}</script>")
    date_line = f'<time datetime="{day}T10:00:00+03:00">{int(day[8:])} октября 2024</time>'
    article = (f'<article><h1>{title}</h1><div class="meta"><span class="author">{author}</span> {date_line}</div>'
               f'<figure><img src="/i/{number}.jpg"><figcaption>Фото: {author}</figcaption></figure>'
               f'<div class="content">{"".join(html_body)}</div>'
               f'<div class="tags">Теги: <a href="/t/1">город</a></div></article>')
    page = (f"<!DOCTYPE html><html lang=\"ru\"><head>{''.join(head)}</head><body>"
            f'<div class="cookie-banner">Мы используем файлы cookie. <button>Принять</button></div>'
            f"<header>{nav}</header><main>{article}{comments}{sidebar}{teasers}</main>"
            f"<footer><p>© 2024 {site}. Все права защищены.</p>{nav}</footer></body></html>")
    return page, {"title": title, "date": day, "body": body}


def tokens(text: str) -> Counter:
    return Counter(re.findall(r"\w+", text.lower().replace("ё", "е")))


def f1(predicted: str, gold: str) -> float:
    p, g = tokens(predicted), tokens(gold)
    common = sum((p & g).values())
    if not common:
        return 0.0
    precision, recall = common / sum(p.values()), common / sum(g.values())
    return 2 * precision * recall / (precision + recall)


def best_time(function, pages, rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for page in pages:
            function(page)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--real", metavar="GLOB", help="time saved pages (e.g. corpus/real/*/page.html) instead")
    args = parser.parse_args()

    generated = [] if args.real else [make_page(n) for n in range(args.pages)]
    data = [Path(name).read_bytes() for name in sorted(glob.glob(args.real))] if args.real \
        else [page.encode("utf-8") for page, _ in generated]
    if not data:
        sys.exit(f"no page matches {args.real}")
    print_timings(data, args.rounds)
    if generated:
        print_quality(generated)


def print_timings(data: list[bytes], rounds: int) -> None:
    import trafilatura

    from newsclean import clean
    from newsclean.decode import decode
    from newsclean.options import Options
    from newsclean.readers.html import declared_charset, read_html

    pages = [decode(raw, declared=declared_charset(raw)).text for raw in data]  # what trafilatura is given
    options = Options(input_format="html")
    # warm up: imports, lexicons and caches are paid once per process, not per page
    trafilatura.extract(pages[0])
    clean(data[0], options=options)

    anchor = best_time(trafilatura.extract, pages, rounds)
    reader = best_time(lambda d: read_html(d, None, options), data, rounds)
    full = best_time(lambda d: clean(d, options=options), data, rounds)
    size = sum(map(len, data)) / len(data) / 1024
    print(f"{len(pages)} pages, {size:.0f} KB each on average, best of {rounds} rounds")
    print(f"trafilatura.extract  {anchor / len(pages) * 1000:7.1f} ms/page  1.00x")
    print(f"newsclean reader     {reader / len(pages) * 1000:7.1f} ms/page  {reader / anchor:.2f}x")
    print(f"newsclean clean()    {full / len(pages) * 1000:7.1f} ms/page  {full / anchor:.2f}x")


def print_quality(generated: list[tuple[str, dict]]) -> None:
    import trafilatura

    from newsclean import clean
    from newsclean.options import Options

    options = Options(input_format="html")
    scores = {"trafilatura": [], "newsclean": []}
    for page, gold in generated:
        extracted = json.loads(trafilatura.extract(page, output_format="json", with_metadata=True) or "{}")
        article = clean(page.encode("utf-8"), options=options)
        gold_body = "\n".join(gold["body"])
        scores["trafilatura"].append((f1(extracted.get("text", ""), gold_body),
                                      extracted.get("title") == gold["title"], extracted.get("date") == gold["date"]))
        scores["newsclean"].append((f1("\n".join(article.paragraphs), gold_body),
                                    article.title == gold["title"], article.date == gold["date"]))
    for name, rows in scores.items():
        body, title, date = (sum(column) / len(rows) for column in zip(*rows))
        print(f"{name:12s} body F1 {body:.3f}  title {title:.2f}  date {date:.2f}")


if __name__ == "__main__":
    main()
