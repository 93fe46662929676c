"""Decoding and mojibake-repair quality of newsclean against charset-normalizer and ftfy.

    python benchmarks/decode_quality.py

Builds a test set from the Cyrillic sentences below (ru/uk/be/bg, headlines to paragraphs):
  * legacy bytes: every sentence (and every 4-sentence paragraph) in each Cyrillic code page
    that can encode it; right = the decoded text equals the sentence (two code pages that give
    the very same text are both right);
  * mojibake: every sentence as UTF-8 read with cp1251, cp1252, latin-1, KOI8-R, MacCyrillic,
    cp866, doubly with cp1251, partially (a garbled sentence after a clean one on one line),
    and with cp1251 after whitespace folding (its NBSPs turned to spaces, its SHYs deleted);
    right = the repair equals the sentence;
  * clean: every sentence untouched; right = left unchanged (false repairs are the failures).
charset-normalizer and ftfy are optional: a missing one is shown as n/a. Neither is a
dependency of newsclean.
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from newsclean.decode import decode, repair_mojibake  # noqa: E402
from newsclean.document import InputError  # noqa: E402

try:
    import charset_normalizer
except ImportError:
    charset_normalizer = None
try:
    import ftfy
except ImportError:
    ftfy = None

SENTENCES = [
    # ru
    "Суд арестовал бывшего мэра на два месяца.",
    "В Подмосковье открыли новую станцию метро.",
    "Сборная России по хоккею обыграла соперника со счетом 3:1.",
    "Ученые нашли в Сибири останки мамонта возрастом около 40 тысяч лет.",
    "Минздрав напомнил о сроках вакцинации от гриппа.",
    "Курс доллара опустился ниже 90 рублей впервые с весны.",
    "«Мы ждем ответа до пятницы», — заявил представитель компании журналистам.",
    "Жители многоэтажки на окраине Казани третью неделю живут без горячей воды: управляющая компания "
    "ссылается на аварию на теплотрассе, а городские власти обещают закончить ремонт до конца месяца.",
    "ВЛАСТИ ОБЪЯВИЛИ РЕЖИМ ЧРЕЗВЫЧАЙНОЙ СИТУАЦИИ",
    "Щенков из приюта разобрали за один день.",
    "Эксперимент с бесплатным проездом для школьников продлят до лета.",
    # uk
    "Верховна Рада ухвалила закон у першому читанні.",
    "У Дніпрі відкрили новий міст через річку.",
    "Ціни на хліб зросли на п’ять відсотків.",
    "Збірна України вийшла до півфіналу чемпіонату Європи.",
    "Ґрунтові дороги в селах області відремонтують до осені.",
    "Їхні діти ходять до школи, яку збудували ще в сімдесятих роках.",
    "Синоптики попереджають про сильний вітер і грозу на заході країни, тож рятувальники радять "
    "не залишати автомобілі під деревами та стежити за повідомленнями.",
    "Є нові подробиці розслідування щодо закупівель.",
    "ЄВРОПЕЙСЬКИЙ СОЮЗ НАДАСТЬ НОВИЙ ПАКЕТ ДОПОМОГИ",
    # be
    "У Мінску адкрылася выстава беларускага мастацтва.",
    "Надвор’е на выходных будзе цёплым і сонечным.",
    "Школьнікі з вёскі перамаглі ў рэспубліканскай алімпіядзе.",
    "Ураджай бульбы сёлета аказаўся большым, чым летась.",
    "Гісторыя горада расказваецца праз фатаграфіі з сямейных архіваў.",
    "Аўтобусы паміж раённым цэнтрам і вёскамі будуць хадзіць часцей з наступнага месяца, "
    "паведамілі ў мясцовым выканкаме.",
    "Ён вярнуўся дадому пасля доўгай дарогі.",
    # bg
    "Парламентът прие бюджета на първо четене.",
    "Цените на тока се повишават от първи юли.",
    "Студентите протестираха пред ректората в София.",
    "Мъж е задържан след гонка с полицията край Пловдив.",
    "Синоптиците очакват сняг в планините и дъжд в низините през целия уикенд, "
    "а пътищата в Северна България може да бъдат затворени.",
    "Българският отбор завърши втори в класирането.",
    "Щъркелите се завърнаха по-рано тази година.",
]
LEGACY_CODE_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5")
GARBLINGS = ("cp1251", "cp1252", "latin_1", "koi8_r", "mac_cyrillic", "cp866", "double cp1251", "partial cp1251",
             "cp1251 spaces folded")


def garble(text: str, code_page: str) -> str:
    """UTF-8 bytes read with a code page the way browsers do (undefined bytes -> C1 controls)."""
    return "".join(chr(b) if b < 0x80 else (bytes([b]).decode(code_page, errors="ignore") or chr(b))
                   for b in text.encode("utf-8"))


def garbled_variant(text: str, how: str) -> str:
    if how == "double cp1251":
        return garble(garble(text, "cp1251"), "cp1251")
    if how == "partial cp1251":
        return SENTENCES[0] + " " + garble(text, "cp1251")
    if how == "cp1251 spaces folded":  # what whitespace normalization does: NBSP -> space, SHY gone
        return " ".join(garble(text, "cp1251").replace("\u00ad", "").split())
    return garble(text, how)


def expected_repair(text: str, how: str) -> str:
    return SENTENCES[0] + " " + text if how == "partial cp1251" else text


# ------------------------------------------------------------------ the contenders

def newsclean_decode(data: bytes) -> str | None:
    try:
        return decode(data).text
    except InputError:
        return None


def charset_normalizer_decode(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def ftfy_fix(text: str) -> str:
    """ftfy limited to encoding fixes (its quote uncurling etc. would count as false repairs)."""
    return ftfy.fix_text(text, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False,
                         normalization=None)


def legacy_cases():
    paragraphs = [" ".join(SENTENCES[i:i + 4]) for i in range(0, len(SENTENCES), 4)]
    for kind, texts in (("sentence", SENTENCES), ("paragraph", paragraphs)):
        for code_page in LEGACY_CODE_PAGES:
            for text in texts:
                try:
                    yield kind, code_page, text.encode(code_page), text
                except UnicodeEncodeError:
                    continue  # e.g. Ukrainian letters in KOI8-R


def measure(function, cases) -> tuple[int, int, float]:
    right = 0
    started = time.perf_counter()
    for given, expected in cases:
        right += function(given) == expected
    return right, len(cases), time.perf_counter() - started


def main() -> None:
    rows = []
    legacy = list(legacy_cases())
    for code_page in LEGACY_CODE_PAGES + ("all",):
        for kind in ("sentence", "paragraph"):
            cases = [(data, text) for k, cp, data, text in legacy if k == kind and code_page in (cp, "all")]
            rows.append((f"decode {code_page} {kind}s", measure(newsclean_decode, cases),
                         measure(charset_normalizer_decode, cases) if charset_normalizer else None, None))
    for how in GARBLINGS + ("all",):
        cases = [(garbled_variant(s, h), expected_repair(s, h)) for s in SENTENCES for h in GARBLINGS
                 if how in (h, "all")]
        rows.append((f"mojibake {how}", measure(repair_mojibake, cases), None,
                     measure(ftfy_fix, cases) if ftfy else None))
    clean = [(s, s) for s in SENTENCES]
    rows.append(("clean text left unchanged", measure(repair_mojibake, clean), None,
                 measure(ftfy_fix, clean) if ftfy else None))
    print_table(rows)


def print_table(rows) -> None:
    def cell(result):
        if result is None:
            return f"{'n/a':>24}"
        right, total, seconds = result
        return f"{right:>4}/{total:<4} {right / total:6.1%} {seconds * 1000 / total:6.2f}ms".rjust(24)

    print(f"{'case':34} {'newsclean':>24} {'charset-normalizer':>24} {'ftfy':>24}")
    print("-" * 109)
    for name, *results in rows:
        print(f"{name:34} " + " ".join(cell(r) for r in results))
    print("(right/total, accuracy, time per case)")


if __name__ == "__main__":
    main()
