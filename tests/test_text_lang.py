import pytest
from hypothesis import given, strategies as st

from newsclean.text.lang import detect_lang

SAMPLES = {
    "ru": "Правительство утвердило новый бюджет на следующий год. По словам министра финансов, "
          "дефицит будет меньше трёх процентов. Это важный шаг, сказал он журналистам.",
    "uk": "Уряд затвердив новий бюджет на наступний рік. За словами міністра фінансів, дефіцит "
          "буде меншим за три відсотки. Це важливий крок, сказав він журналістам.",
    "be": "Урад зацвердзіў новы бюджэт на наступны год. Па словах міністра фінансаў, дэфіцыт "
          "будзе меншы за тры працэнты. Гэта важны крок, сказаў ён журналістам.",
    "bg": "Правителството одобри бюджета за следващата година. Според министъра на финансите, "
          "дефицитът ще бъде под три процента. Това е важна стъпка, каза той пред журналисти.",
    "sr": "Влада Србије је усвојила нови закон о буџету. Према речима министра финансија, "
          "дефицит ће бити мањи од три одсто. Ово је важан корак, рекао је он новинарима.",
    "kk": "Қазақстан Республикасының Үкіметі жаңа бюджетті бекітті. Қаржы министрінің "
          "айтуынша, тапшылық үш пайыздан аспайды. Бұл маңызды қадам, деді ол журналистерге.",
    "en": "The government approved a new budget for next year. According to the finance "
          "minister, the deficit will be under three percent, he said.",
}


@pytest.mark.parametrize("lang", sorted(SAMPLES))
def test_detects_language(lang):
    assert detect_lang(SAMPLES[lang]) == lang


@pytest.mark.parametrize("lang", ["ru", "uk", "be", "bg"])
def test_boilerplate_in_another_language_does_not_decide(lang):
    boilerplate = "Главная\nНовости\nПолитика\nЭкономика\nПодписаться\nПоделиться\n"
    assert detect_lang(boilerplate + SAMPLES[lang] * 2) == lang


def test_mojibake_words_are_no_evidence():
    mojibake = "РџСЂР°РІРёС‚РµР»СЊСЃС‚РІРѕ СѓС‚РІРµСЂРґРёР»Рѕ Р±СЋРґР¶РµС‚ " * 5
    assert detect_lang(mojibake + SAMPLES["ru"]) == "ru"


@pytest.mark.parametrize("text", ["", "Новости", "NATO", "12:30 25.11.2024", "— «»"])
def test_too_little_text_is_none(text):
    assert detect_lang(text) is None


@given(st.text())
def test_never_raises(text):
    assert detect_lang(text) in {None, "ru", "uk", "be", "bg", "sr", "kk", "en"}
