"""Properties every text stage keeps: never raises, idempotent, leaves Latin-only text alone."""
import re

import pytest
from hypothesis import given, settings, strategies as st

from newsclean import InputError, Options, clean
from newsclean.output import render

from newsclean.text.homoglyphs import fix_homoglyphs
from newsclean.text.lang import detect_lang
from newsclean.text.normalize import normalize_chars
from newsclean.text.typography import apply_typography, typeset_paragraphs
from newsclean.text.wrap import DocumentWords, join_wrapped, looks_wrapped

# Text that looks like the real thing: Cyrillic and Latin twins, quotes, dashes,
# apostrophes, spaces of every kind, invisibles, entities and line breaks.
ALPHABET = (
    "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАВЕКМНОРСТХіїєґўІЇЄҐЎђћџљњјәғқңөұүһ"
    "aceopxyiABCEHKMOPTXIjbdfgz0123456789"
    " \n\t\u00a0\u202f\u2009\u00ad\u200b\u200d\ufeff\r"
    "-–—'’ʼ`\"«»„“”.,:;!?()/@&#;№²°%"
)
ENTITY_BITS = st.sampled_from(["&amp;", "&laquo;", "&raquo;", "&quot;", "&nbsp;", "&#8212;", "&#x2014;", "&amp;laquo;", "&shy;", "&"])
TEXT = st.lists(st.one_of(st.text(ALPHABET, max_size=12), ENTITY_BITS), max_size=30).map("".join)
LATIN = st.text("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .,:;!?'\"-()/@", max_size=80)
LANGS = st.sampled_from([None, "ru", "uk", "be", "bg", "sr", "kk", "en"])


def typeset(text: str, lang) -> str:
    return apply_typography(text, lang, "standard")


@settings(max_examples=400)
@given(st.one_of(TEXT, st.text()))
def test_normalize_chars_idempotent(text):
    once = normalize_chars(text)
    assert normalize_chars(once) == once


@settings(max_examples=400)
@given(st.one_of(TEXT, st.text()))
def test_fix_homoglyphs_idempotent(text):
    once = fix_homoglyphs(text)
    assert fix_homoglyphs(once) == once


@settings(max_examples=400)
@given(st.one_of(TEXT, st.text()), LANGS)
def test_typography_idempotent(text, lang):
    once = typeset(text, lang)
    assert typeset(once, lang) == once


@settings(max_examples=300)
@given(st.one_of(TEXT, st.text()), LANGS)
def test_composition_idempotent(text, lang):
    # the text stages in pipeline order (mojibake repair belongs to decode.py)
    def pipeline(s: str) -> str:
        return "\n".join(typeset(line, lang) for line in fix_homoglyphs(normalize_chars(s)).split("\n"))

    once = pipeline(text)
    assert pipeline(once) == once


@given(st.lists(st.one_of(TEXT, st.text()), max_size=8), st.frozensets(st.text(ALPHABET, max_size=8), max_size=5))
def test_wrap_never_raises(lines, vocabulary):
    lines = [line for line in lines if line.strip()]
    looks_wrapped(lines)
    assert isinstance(join_wrapped(lines, DocumentWords(" ".join(vocabulary))), str)


@given(st.one_of(TEXT, st.text()))
def test_detect_lang_never_raises(text):
    detect_lang(text)


@given(LATIN, st.sampled_from([None, "en"]))
def test_latin_only_text_is_never_changed(text, lang):
    text = " ".join(text.split())
    assert normalize_chars(text) == text
    assert fix_homoglyphs(text) == text
    assert typeset(text, lang) == text


@settings(max_examples=400)
@given(st.one_of(TEXT, st.text()))
def test_normalize_fast_path_agrees_with_full_path(text):
    from newsclean.text.normalize import _is_clean, _normalize

    if _is_clean(text):
        assert _normalize(text) == text


@settings(max_examples=400)
@given(st.lists(st.one_of(TEXT, st.text()), max_size=8), LANGS)
def test_typeset_paragraphs_is_typography_per_paragraph(paragraphs, lang):
    assert typeset_paragraphs(paragraphs, lang) == [typeset(p, lang) for p in paragraphs]


@settings(max_examples=400)
@given(st.one_of(TEXT, st.text()), st.lists(st.text(ALPHABET + "İΣς", max_size=10), max_size=5))
def test_document_words_is_the_set_of_lowercased_words(text, others):
    words = re.findall(r"[^\W\d_]{3,}", text)
    vocabulary = frozenset(w.lower() for w in words)
    document_words = DocumentWords(text)
    for word in [w.lower() for w in words] + words + others:
        assert (word in document_words) == (word in vocabulary)


@settings(max_examples=400)
@given(st.one_of(TEXT, st.text(ALPHABET + "-", max_size=60)), st.lists(st.text(ALPHABET + "İΣς", max_size=10), max_size=5))
def test_document_words_answer_alike_once_listed(text, others):
    # after _MAX_SEARCHES lookups the word lists answer instead of searches: the same answers
    from newsclean.text.wrap import _MAX_SEARCHES

    words = [w.lower() for w in re.findall(r"[^\W\d_]+", text)] + others
    searching, listing = DocumentWords(text), DocumentWords(text)
    listing._searches = _MAX_SEARCHES
    for word in words:
        searching._searches = 0
        assert (word in searching) == (word in listing)
        if re.fullmatch(r"[^\W\d_]+", word):  # what a first part is: the letters before a hyphen
            searching._searches = 0
            assert searching.second_parts(word.lower()) == listing.second_parts(word.lower())


def _entities_decoded_pass_by_pass(text: str) -> str:
    # what decode_entities means: whole-text passes until nothing changes
    from newsclean.text.normalize import _ENTITY, _INVISIBLE
    import html

    while "&" in text:
        decoded = _INVISIBLE.sub("", _ENTITY.sub(lambda m: html.unescape(m.group()), text))
        if decoded == text:
            break
        text = decoded
    return text


AMPERSAND_BITS = st.sampled_from(["&", "amp;", "&amp;", "#38;", "&#", "x26;", "lt;", "&shy;", "\u00ad", "am", "p;",
                                  "&#97;", "mp;", "&ampx;", "&notit;", "&#0;", "&#x110000;", "&bogus;", ";", "a" * 40])
ESCAPED = st.lists(st.one_of(AMPERSAND_BITS, ENTITY_BITS, st.text(ALPHABET, max_size=5)), max_size=40).map("".join)


@settings(max_examples=400)
@given(st.one_of(ESCAPED, TEXT))
def test_decode_entities_ends_where_passes_end(text):
    from newsclean.text.normalize import decode_entities

    assert decode_entities(text) == _entities_decoded_pass_by_pass(text)


def test_decode_entities_many_times_escaped():
    from newsclean.text.normalize import decode_entities

    assert decode_entities("&" + "amp;" * 50 + "laquo;текст&am&#112;;raquo; AT&T &amp;amp;amp;&#97;mp;lt;") == "«текст» AT&T <"


# ---------------------------------------------------------------- clean() on its own output

WORDS = {
    "ru": "правительство утвердило новый бюджет на следующий год по словам министра финансов дефицит будет "
          "меньше трёх процентов это важный шаг для экономики сообщили в пресс-службе ведомства а потом "
          "и с о у к вечеру поздно северо-западный кто-то объявил что жители города получат выплаты".split(),
    "uk": "уряд затвердив новий бюджет на наступний рік за словами міністра фінансів дефіцит буде меншим "
          "це важливий крок для економіки повідомили в пресслужбі відомства м'ясо об'єкт і й та або "
          "пошуково-рятувальних що їхні області з'їзд".split(),
    "bg": "правителството одобри новия бюджет за следващата година според министъра на финансите "
          "дефицитът ще бъде по-малък от три процента това е важна стъпка за икономиката и с в".split(),
}
FOREIGN = ["Reuters", "iPhone", "NATO", "COVID-19", "Telegram-канал", "IT-компания", "e-mail", "OK", "Ltd.",
           "https://example.com/news?id=5&a=1", "www.site.ru/путь", "info@example.com", "№ 5", "25 м²",
           "15:30", "2023-2024", "12,5%", "10 - 15", "Ђоковић", "Қазақстан", "әкім", "Xiaomi", "SpaceX", "pH"]
# Words only one of the languages writes: every sentence has one, as real text has many (the
# language of a text made of words that all three share can change with what the classifier drops)
MARKERS = {"ru": ["это", "был", "ещё", "мы", "объявил"], "uk": ["що", "їхні", "є", "його", "області"],
           "bg": ["това", "във", "ще", "бъде", "които"]}
# Latin twins put into Cyrillic words, and the reverse
TWINS = {"а": "a", "о": "o", "е": "e", "р": "p", "с": "c", "у": "y", "х": "x", "і": "i", "А": "A", "О": "O"}


@st.composite
def article_texts(draw):
    lang = draw(st.sampled_from(sorted(WORDS)))
    words = WORDS[lang]
    paragraphs = []
    for _ in range(draw(st.integers(1, 6))):
        sentences = []
        for _ in range(draw(st.integers(1, 4))):
            sentence = [draw(st.sampled_from(words)) for _ in range(draw(st.integers(3, 16)))]
            sentence.insert(draw(st.integers(0, len(sentence))), draw(st.sampled_from(MARKERS[lang])))
            for _ in range(draw(st.integers(0, 2))):
                sentence.insert(draw(st.integers(0, len(sentence))), draw(st.sampled_from(FOREIGN)))
            if draw(st.booleans()):  # a lone Latin conjunction
                sentence.insert(draw(st.integers(1, len(sentence))), draw(st.sampled_from("acoyeiAC")))
            if draw(st.booleans()):  # a Latin look-alike
                i = draw(st.integers(0, len(sentence) - 1))
                j = draw(st.integers(0, len(sentence[i]) - 1))
                sentence[i] = sentence[i][:j] + TWINS.get(sentence[i][j], sentence[i][j]) + sentence[i][j + 1:]
            if draw(st.booleans()):
                i = draw(st.integers(0, len(sentence) - 1))
                quote = draw(st.sampled_from(['"{}"', "«{}»", "„{}“", "'{}'"]))
                sentence[i] = quote.format(sentence[i])
            if draw(st.booleans()):
                sentence.insert(draw(st.integers(1, len(sentence))), draw(st.sampled_from(["-", "–", "—", "--"])))
            text = " ".join(sentence)
            sentences.append(text[:1].upper() + text[1:] + draw(st.sampled_from([".", ".", "!", "?", "…", ":"])))
        paragraph = " ".join(sentences)
        if draw(st.booleans()):  # NBSPs, soft hyphens, odd spaces
            chars = list(paragraph)
            for _ in range(draw(st.integers(1, 4))):
                i = draw(st.integers(0, len(chars) - 1))
                chars[i] = {" ": draw(st.sampled_from(["\u00a0", "  ", "\u202f", "\t"]))}.get(chars[i], chars[i] + "\u00ad")
            paragraph = "".join(chars)
        if draw(st.booleans()):  # hard-wrapped, sometimes a word broken by a hyphen
            width = draw(st.integers(30, 90))
            lines, line = [], ""
            for word in paragraph.split(" "):
                if line and len(line) + len(word) + 1 > width:
                    if len(word) > 5 and word.isalpha() and draw(st.booleans()):
                        lines.append(f"{line} {word[:3]}-")
                        line = word[3:]
                        continue
                    lines.append(line)
                    line = word
                else:
                    line = f"{line} {word}" if line else word
            paragraph = "\n".join(lines + [line])
        paragraphs.append(paragraph)
    return "\n\n".join(paragraphs)


def _cleaned_twice(text: str, options: Options):
    try:
        once = clean(text, options=options)
    except InputError:
        return None, None
    return once, None if once.no_article else clean(render(once, "txt"), options=options)


@settings(max_examples=150, deadline=None)
@given(article_texts())
def test_cleaning_clean_output_changes_nothing(text):
    once, twice = _cleaned_twice(text, Options(extract=False))
    if twice is not None:
        assert twice.to_text() == once.to_text()


@settings(max_examples=150, deadline=None)
@given(article_texts())
def test_cleaning_clean_output_changes_no_kept_paragraph(text):
    # With extraction the classifier may judge the clean text's blocks otherwise the second time
    # (take its first paragraph for a title, drop what is left as too little prose): that is
    # its own matter. Every paragraph it keeps must come out of the text stages unchanged.
    once, twice = _cleaned_twice(text, Options())
    if twice is not None:
        assert set(twice.paragraphs) <= {*once.paragraphs, once.title}


@pytest.mark.parametrize("options", [Options(), Options(extract=False)], ids=["extract", "no-extract"])
def test_lone_latin_letter_starting_a_wrapped_line_is_fixed_at_once(options):
    # an article (a title, then paragraphs): with extraction on, a lone paragraph may be no article
    text = ("Бюджет города утвердили с опозданием\n\n"
            "Правительство утвердило новый бюджет, но сделало это слишком поздно\n"
            "a потом министр финансов объявил о новых выплатах жителям города\n"
            "и пообещал, что дефицит будет меньше трёх процентов в этом году.\n\n"
            "Депутаты городского совета проголосовали за документ после долгого обсуждения, "
            "а оппозиция пообещала оспорить отдельные статьи расходов в суде.")
    assert any("поздно а потом" in p for p in clean(text, options=options).paragraphs)
