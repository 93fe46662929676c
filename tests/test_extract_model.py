"""The extractor's parts: the sequence decision, the fitted model's data, the roles as ids, and
what --explain shows of a decision."""
import pytest

from newsclean import clean
from newsclean.explain import explanation_rows
from newsclean.document import Block
from newsclean.extract import lines
from newsclean.extract.classify import prepare
from newsclean.extract.features import CONTEXT_NAMES, NAMES, OWN_COLUMNS
from newsclean.extract.lines import line_facts
from newsclean.extract.roles import DESCRIPTIONS, METADATA_RULES, Role, Rule
from newsclean.extract.scorer import block_rows, model, probabilities
from newsclean.extract.sequence import State, decode
from newsclean.extract.titles import NAMES as TITLE_NAMES

COSTS = {"box_enter": 0.5, "box_stay": 0.1, "end": 0.5, "html_keep": 0.0}
A, B, X, F = State.ARTICLE, State.BEFORE, State.BOX, State.AFTER


@pytest.mark.parametrize("scores, states", [
    ([0.1, 0.1, 0.9, 0.9, 0.1, 0.9, 0.9], [B, B, A, A, X, A, A]),  # a box inside: the article resumes
    ([0.9, 0.9, 0.05, 0.05, 0.05], [A, A, F, F, F]),  # the end is where prose stops
    ([0.9, None, None, 0.9], [A, A, A, A]),  # metadata lines neither break nor extend it
    ([0.1, 0.1], [B, B]),  # no article at all
    ([], []),
])
def test_decode(scores, states):
    assert decode(scores, COSTS) == states


def test_a_long_excursion_costs_more_than_ending_the_article():
    costly = {"box_enter": 0.5, "box_stay": 3.0, "end": 0.5}
    assert decode([0.9, 0.9] + [0.3] * 6 + [0.6], costly)[-1] == F


def test_the_model_was_fitted_for_these_features():
    data = model()
    assert data["local"]["features"] == list(NAMES)
    assert data["block"]["features"] == list(NAMES + CONTEXT_NAMES)
    assert data["title"]["features"] == list(TITLE_NAMES)
    assert set(data["sequence"]) == {"box_enter", "box_stay", "end", "html_keep"}
    # the figures of the fit, held-back part included, are stored with the weights
    assert 0 < data["fit"]["body_f1_held_back"] <= 1 and data["fit"]["cases_held_back"] > 0


def test_every_rule_has_a_description_and_metadata_rules_give_metadata_roles():
    assert set(DESCRIPTIONS) == set(Rule)
    assert all(role in (Role.DATE, Role.AUTHOR, Role.CREDIT) for role in METADATA_RULES.values())


PARAGRAPHS = [
    "Городская рада утвердила программу ремонта дорог на следующий год, на неё выделят сорок миллионов гривен.",
    "В первую очередь отремонтируют улицы в центре города и подъезды к больницам, сообщили в департаменте.",
    "Работы начнутся в апреле и продлятся до конца октября, подрядчиков выберут через открытые торги.",
    "Депутаты также попросили установить на отремонтированных улицах новые светофоры и пешеходные переходы.",
]
DUMP = "\n\n".join([
    "Главная", "Новости", "Город",
    "В городе отремонтируют сорок улиц",
    "12 марта 2025, 10:15",
    PARAGRAPHS[0], PARAGRAPHS[1],
    "Читайте также\nНа вокзале открыли новый зал ожидания\nВ парке высадили двести деревьев",
    "— Когда начнутся работы? — спросили журналисты.",
    "— В апреле, как только потеплеет, — ответил директор департамента.",
    PARAGRAPHS[2], PARAGRAPHS[3],
    "Поделиться", "Facebook", "Telegram",
    "Новости по теме", "Цены на проезд не изменятся", "На мосту ограничат движение",
    "© 2025 Городские новости. Все права защищены.",
])


@pytest.fixture(scope="module")
def article():
    return clean(DUMP)


def test_the_article_resumes_after_an_inserted_box(article):
    assert article.title == "В городе отремонтируют сорок улиц"
    body = article.paragraphs
    assert all(any(p.startswith(paragraph[:40]) for p in body) for paragraph in PARAGRAPHS)
    assert not any("зал ожидания" in p or "двести деревьев" in p or "ограничат" in p for p in body)


def test_dialogue_lines_are_kept(article):
    assert sum(p.startswith("— ") for p in article.paragraphs) == 2


def test_every_block_has_a_role_and_a_rule_id(article):
    assert all(isinstance(block.role, Role) and Rule(block.rule) for block in article.blocks)
    dropped = {Rule(b.rule) for b in article.blocks if b.role == Role.DROP}
    assert Rule.READ_ALSO_HEADER in dropped and Rule.UI_LABEL in dropped


def test_explain_shows_the_rule_the_score_and_what_weighed_most(article):
    rows = explanation_rows(article)
    assert len(rows) == len(article.blocks)
    kept = [reason for _, verdict, reason, _ in rows if verdict == "kept"]
    assert kept and all("score 0." in reason or "score 1." in reason for reason in kept)
    assert all(reason.startswith(DESCRIPTIONS[Rule.ARTICLE]) for reason in kept)
    # the features that weighed most are named with their signed weight
    assert any("(" in reason and ("+" in reason or "-" in reason) for reason in kept)


def test_extraction_off_keeps_every_block():
    from newsclean.options import Options

    article = clean(DUMP, options=Options(extract=False))
    assert all(block.rule == Rule.NOT_EXTRACTED for block in article.blocks)


LINES = ["Главная", "Фото: РИА Новости", "Читайте также", "12 марта 2025, 14:30",
         "Депутаты утвердили бюджет города на следующий год, сообщает пресс-служба.",
         "— Мы начнём в мае, — сказал мэр.", "Facebook  Telegram  X", "Комментарии (12)", ""]


@pytest.mark.parametrize("line", LINES)
def test_a_line_s_own_features_fill_only_the_columns_before_its_context(line):
    facts = line_facts(line, "ru")
    assert facts.own[0] == 1.0  # the bias
    assert not any(facts.own[OWN_COLUMNS:])


def test_scores_from_a_line_s_own_sums_are_the_scores_of_whole_rows():
    blocks = [Block(text, i + 1, i + 1) for i, text in enumerate(LINES)]
    prepared = prepare(blocks, "ru")
    sums = [f.sums for f in prepared.facts]
    assert probabilities(prepared.rows, "local", [local for local, _ in sums]) == probabilities(prepared.rows, "local")
    rows = block_rows([list(row) for row in prepared.rows])  # (block_rows extends the rows it is given)
    assert block_rows([list(row) for row in prepared.rows], sums) == rows
    assert probabilities(rows, "block", [block for _, block in sums]) == probabilities(rows, "block")


def test_a_remembered_line_gives_what_a_new_one_would():
    for line in LINES:
        remembered, new = line_facts(line, "ru"), lines._line_facts(line, "ru")
        assert (remembered.rule, remembered.own, remembered.sums) == (new.rule, new.own, new.sums)
        assert [getattr(remembered.shape, a) for a in ("words", "key", "is_prose", "title_key")] == \
            [getattr(new.shape, a) for a in ("words", "key", "is_prose", "title_key")]
