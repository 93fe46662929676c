from newsclean.extract.segment import segment
from newsclean.text.wrap import DocumentWords, join_wrapped

WRAPPED = (
    "Правительство утвердило бюджет, об этом вчера сообщили в пресс-\n"
    "службе министерства, где уточнили, что документ будет рассмотрен\n"
    "депутатами во втором чтении."
)


def test_a_compound_the_document_writes_hyphenated_keeps_its_hyphen():
    text = "Пресс-служба ведомства отказалась от комментариев.\n\n" + WRAPPED
    assert segment(text)[-1].text == ("Правительство утвердило бюджет, об этом вчера сообщили в пресс-службе "
                                      "министерства, где уточнили, что документ будет рассмотрен депутатами "
                                      "во втором чтении.")


def test_without_the_hyphenated_form_elsewhere_the_rules_decide():
    assert "сообщили в прессслужбе министерства" in segment(WRAPPED)[0].text


def test_a_hyphenated_word_with_another_stem_is_no_evidence():
    vocabulary = DocumentWords("Пресс-секретарь министра")
    assert join_wrapped(["в пресс-", "службе"], vocabulary) == "в прессслужбе"


def test_second_parts_are_the_documents_hyphenated_words():
    vocabulary = DocumentWords("ПРЕСС-СЛУЖБА, пресс-службы; экспресс-доставка, пресс-\nрелиз, пресс- конференция")
    assert vocabulary.second_parts("пресс") == {"служба", "службы"}


def test_line_numbers_and_blank_lines():
    blocks = segment("\n  \nПервая строка\n\n\nВторая\n  Третья  \n")
    assert [(b.text, b.first_line, b.last_line) for b in blocks] == [
        ("Первая строка", 3, 3), ("Вторая", 6, 6), ("Третья", 7, 7)]
