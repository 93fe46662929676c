"""The title of a text dump as a choice among candidate lines: which lines are candidates, what
the features say of them, how the chosen line is trimmed (small dumps written for these tests)."""
import pytest

from newsclean import clean
from newsclean.document import Block
from newsclean.extract.classify import prepare
from newsclean.extract.titles import NAMES, candidate_rows, candidates, title_text

LEAD = ("Городская рада утвердила программу ремонта дорог на следующий год, на неё выделят сорок "
        "миллионов гривен из городского бюджета.")
PROSE = [
    LEAD,
    "В первую очередь отремонтируют улицы в центре города и подъезды к больницам, сообщили в департаменте.",
    "Работы начнутся в апреле и продлятся до конца октября, подрядчиков выберут через открытые торги.",
    "Депутаты также попросили установить на отремонтированных улицах новые светофоры и переходы.",
]


def _prepared(lines: list[str]):
    blocks = [Block(text, i + 1, i + 1) for i, text in enumerate(lines)]
    shapes, rules, _, _ = prepare(blocks, "ru")
    return blocks, shapes, rules


def _rows(lines: list[str], start: int) -> dict[str, dict[str, float]]:
    """Candidate text -> its features by name."""
    blocks, shapes, rules = _prepared(lines)
    found, rows = candidate_rows(blocks, shapes, rules, start, None, False)
    return {blocks[i].text: dict(zip(NAMES, row)) for i, row in zip(found, rows)}


@pytest.mark.parametrize("line, title", [
    ("Новости › Город › Ремонт дорог начнётся в апреле", "Ремонт дорог начнётся в апреле"),  # a breadcrumb
    ("Город / Ремонт дорог начнётся в апреле", "Ремонт дорог начнётся в апреле"),
    ("Ремонт дорог начнётся в апреле в центре города | Вестник", "Ремонт дорог начнётся в апреле в центре города"),
    ("Дороги - Ремонт улиц в центре начнётся в апреле", "Ремонт улиц в центре начнётся в апреле"),  # a rubric
    ("Road works - City council approves new budget for repairs", "City council approves new budget for repairs"),
    # not a rubric: the part after the dash goes on the sentence, or is too short to be the headline
    ("Новый мэр - о ремонте дорог и сорока улицах", "Новый мэр - о ремонте дорог и сорока улицах"),
    ("Городскому парку – сто лет", "Городскому парку – сто лет"),
    # an attribution after a dash stays (a site name after it is a <title>'s habit, not a headline's)
    ("Ремонт сорока улиц в центре закончат к осени - Иван Сидоренко",
     "Ремонт сорока улиц в центре закончат к осени - Иван Сидоренко"),
    ("Football | United win at home", "Football | United win at home"),  # what is left would be the shorter part
    ("Рада утвердила ремонт дорог 04.01.12 12:26", "Рада утвердила ремонт дорог"),  # a date stamp after it
    ("Новые тарифы на проезд с 01.01.2025", "Новые тарифы на проезд с 01.01.2025"),  # a date alone is the headline's
    ("Матч начнётся в 19:30", "Матч начнётся в 19:30"),
    ("Ремонт дорог начнётся в апреле", "Ремонт дорог начнётся в апреле"),
])
def test_title_text_trims_a_breadcrumb_a_rubric_or_a_site_name(line, title):
    assert title_text(line) == title


def test_only_headline_shaped_lines_are_candidates_far_above_the_article():
    header = ["меню раздела"] * 20 + ["Ремонт дорог начнётся в апреле"] + ["меню раздела"] * 50
    lines = header + ["новости дня"] * 10 + PROSE
    blocks, shapes, rules = _prepared(lines)
    start = len(lines) - len(PROSE)
    found = candidates(shapes, rules, start, None, False)
    assert 20 in found  # 61 lines up, but shaped like a headline
    assert all(i >= start - 40 for i in found if i != 20)  # the lowercase menu lines only near the article


def test_the_window_of_candidates_is_bounded_on_a_dump_of_many_short_lines():
    lines = [f"Короткая строка номер {i}" for i in range(5_000)] + PROSE
    blocks, shapes, rules = _prepared(lines)
    found = candidates(shapes, rules, len(lines) - len(PROSE), None, False)
    assert 0 < len(found) <= 83


def test_a_short_headline_ending_with_a_full_stop_at_the_article_start_is_a_candidate():
    lines = ["Главная", "Новости", "Город утвердил ремонт сорока улиц."] + PROSE
    blocks, shapes, rules = _prepared(lines)
    assert 2 in candidates(shapes, rules, 2, None, False)


def test_features_of_a_headline_over_its_lead_and_of_a_lead_of_two_sentences():
    headline = "Рада утвердила ремонт дорог"
    standfirst = "Город потратит сорок миллионов. Работы начнутся весной?"
    rows = _rows(["Главная", "Новости", "Город", headline, standfirst, "12 марта 2024", *PROSE], 6)
    assert rows[standfirst]["inner_sentence"] == 1.0 and rows[headline]["inner_sentence"] == 0.0
    assert rows[headline]["before_headline"] == 1.0 and rows[standfirst]["after_headline"] == 1.0
    assert rows[standfirst]["meta_after"] == 1.0  # the date line under it
    assert rows[headline]["relative_lead"] == 1.0  # shares most with the lead (stems: "утвердила")
    assert sum(row["first_echo"] for row in rows.values()) == 1.0 and rows[headline]["first_echo"] == 1.0


def test_glued_words_and_many_copies_are_seen():
    menu = "ГлавнаяНовостиСпорт"
    teaser = "Погода на выходные"
    rows = _rows([menu, teaser, teaser, teaser, teaser, "Рада утвердила ремонт дорог", *PROSE], 6)
    assert rows[menu]["glued"] == 1.0 and rows["Рада утвердила ремонт дорог"]["glued"] == 0.0
    assert rows[teaser]["many_copies"] == 1.0 and rows["Рада утвердила ремонт дорог"]["many_copies"] == 0.0


def test_a_caption_with_its_source_and_a_headline_cut_short_are_seen():
    caption = "Мост через реку после ремонта. Фото example.com"
    whole = "Рада утвердила ремонт сорока улиц в центре города"
    cut = "Новости » Город » Рада утвердила ремонт сорока…"
    rows = _rows(["Главная", cut, "Город", caption, whole, *PROSE], 5)
    assert rows[caption]["credit_tail"] == 1.0 and rows[whole]["credit_tail"] == 0.0
    assert rows[cut]["truncated"] == 1.0 and rows[whole]["truncated"] == 0.0
    assert rows[whole]["completes_truncated"] == 1.0 and rows[caption]["completes_truncated"] == 0.0


def test_a_rubric_before_the_headline_is_not_in_the_title():
    dump = "\n\n".join(["Главная", "Новости", "Город",
                        "Дороги - Городская рада утвердила программу ремонта дорог", *PROSE])
    article = clean(dump)
    assert article.title == "Городская рада утвердила программу ремонта дорог"
    assert all("утвердила программу ремонта дорог" not in p or p == PROSE[0] for p in article.paragraphs)


def test_the_headline_wins_over_a_standfirst_of_two_sentences():
    dump = "\n\n".join(["Главная", "Новости", "Город", "Рада утвердила ремонт сорока улиц",
                        "Деньги выделят из бюджета. Когда начнутся работы?", *PROSE])
    assert clean(dump).title == "Рада утвердила ремонт сорока улиц"


def test_interface_words_are_seen_in_a_candidate():
    prompt = "Нажмите кнопку внизу"
    headline = "Рада утвердила ремонт сорока улиц"
    rows = _rows(["Главная", prompt, headline, *PROSE], 3)
    assert rows[prompt]["ui_words"] == pytest.approx(2 / 3) and rows[headline]["ui_words"] == 0.0



def test_the_main_run_of_the_article_is_a_second_start_for_the_title():
    from newsclean.extract.sequence import State
    from newsclean.extract.titles import main_start

    a, b = State.ARTICLE, State.BOX
    blocks, shapes, _ = _prepared(["Отличная новость!", "Спасибо.", "Похожие", "Рада утвердила ремонт", *PROSE])
    assert main_start([a, a, b, b, a, a, a, a], shapes) == 4  # two short comments came first
    assert main_start([b, b, b, b, a, a, a, a], shapes) is None  # one run: its start is the start
    assert main_start([b, b, b, b, a, a, b, a], shapes) is None  # the first run is the longest


def test_a_headline_after_comments_taken_for_the_article_start_is_a_candidate():
    lines = ["Отличная новость!", "Спасибо за статью.", "Похожие", "Рада утвердила ремонт сорока улиц", *PROSE]
    blocks, shapes, rules = _prepared(lines)
    found, rows = candidate_rows(blocks, shapes, rules, 0, None, False, later=4)
    later = dict(zip(found, rows))[3]
    assert later[NAMES.index("later_start")] == 1.0
    assert all(row[NAMES.index("later_start")] == 0.0 for i, row in zip(found, rows) if i < 3)
