"""Decoding and mojibake-repair quality of newsclean against chardet, charset-normalizer and ftfy.

    python benchmarks/decode_quality.py [--real ../shared/corpus]

Builds a test set from the Cyrillic sentences below (ru/uk/be/bg/sr/mk/kk, headlines to
paragraphs) and the whole articles of tests/data/decode_legacy/texts.tsv:
  * legacy bytes: every sentence, every 4-sentence paragraph and every whole article in each
    Cyrillic code page that can encode it; right = the decoded text equals the original (two
    code pages that give the very same text are both right);
  * mixed files: a UTF-8 paragraph glued to one in a code page; right = both come back;
  * mojibake: every sentence as UTF-8 read with cp1251, cp1252, latin-1, KOI8-R, MacCyrillic,
    cp866, cp437, Mac Roman, doubly with cp1251, partially (a garbled sentence after a clean
    one on one line), with cp1251 after whitespace folding (its NBSPs turned to spaces, its
    SHYs deleted); and written in one code page, read with another (cp1251 as cp1252, as
    KOI8-R, as cp866; KOI8 and cp866 as cp1251); doubly garbled symbols; right = the repair
    equals the sentence;
  * clean: every sentence and some Latin-script text untouched; right = left unchanged.
--real DIR also measures on real pages from outside the project (DIR/real/*/page.txt,
DIR/modern/*/page.txt): each Cyrillic page in every code page that can hold it, and every
page's UTF-8 text, which the repair must leave unchanged (a character a code page lacks
becomes "?", as it would in a real legacy file).
chardet, charset-normalizer and ftfy are optional (n/a when missing); none is a dependency.
"""
from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from newsclean.decode import decode, repair_mojibake  # noqa: E402
from newsclean.document import InputError  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from test_decode_legacy import encodable  # noqa: E402  (the test tables' own check)

try:
    import chardet
except ImportError:
    chardet = None
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
    # sr
    "Скупштина је усвојила измене закона о раду.",
    "Ђаци из Чачка победили су на такмичењу из физике.",
    "Цене хлеба и млека поново су порасле, кажу трговци у Нишу.",
    "Љубитељи џеза окупили су се на тргу испред позоришта.",
    "ЋИРИЛИЦА ЈЕ ПИСМО СРПСКОГ ЈЕЗИКА",
    # mk
    "Собранието го донесе законот за високо образование.",
    "Ѓаковите од Струга ќе учат во нова училишна зграда.",
    "Цената на лебот повторно порасна, велат трговците во Охрид.",
    "Џезерот крај Маврово ќе биде исчистен до летото.",
    # kk
    "Мәжіліс білім туралы заңға өзгерістер енгізді.",
    "Ақтөбе облысында жаңа аурухана ашылды.",
    "Қарағанды тұрғындары жылу маусымының ерте басталуын сұрайды.",
    "Ұлттық құрама әлем чемпионатына жолдама алды.",
]
LATIN = [
    "Müller und Söhne eröffnen eine neue Bäckerei in Köln.",
    "Le président a reçu les élèves à l'Élysée mercredi.",
    "La niña pidió un café con leche en la estación de Málaga.",
    "Ærø og Øresund er populære rejsemål om sommeren.",
    "Đorđe Balašević je pevao o Novom Sadu.",
    "“Quoted” — text, naïve façade, 5 €, ±5 °C, ½ cup.",
    "Złoty medal dla Łukasza Żółtowskiego.",
]
ARTICLES_FILE = ROOT / "tests" / "data" / "decode_legacy" / "texts.tsv"
LEGACY_CODE_PAGES = ("cp1251", "koi8_r", "koi8_u", "cp866", "mac_cyrillic", "iso8859_5", "cp855", "kz1048",
                     "cp1125")
GARBLINGS = ("cp1251", "cp1252", "latin_1", "koi8_r", "mac_cyrillic", "cp866", "cp437", "mac_roman", "double cp1251",
             "partial cp1251", "cp1251 spaces folded")
# (written in, read as): a legacy code page read with another
MISREADINGS = (("cp1251", "cp1252"), ("cp1251", "koi8_r"), ("koi8_r", "cp1251"), ("koi8_u", "cp1251"),
               ("cp866", "cp1251"), ("cp1251", "cp866"))
SYMBOLS = ("❤", "▫", "▶", "✅")


def garble(text: str, code_page: str, written_in: str = "utf-8") -> str:
    """The text's bytes read with a code page the way browsers do (undefined bytes -> C1 controls)."""
    return "".join(chr(b) if b < 0x80 else (bytes([b]).decode(code_page, errors="ignore") or chr(b))
                   for b in text.encode(written_in))


def articles() -> list[str]:
    paragraphs = defaultdict(list)
    for line in ARTICLES_FILE.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            lang, paragraph = line.split("\t")
            paragraphs[lang].append(paragraph)
    return ["\n\n".join(texts) for texts in paragraphs.values()]


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


def chardet_decode(data: bytes) -> str | None:
    encoding = chardet.detect(data)["encoding"]
    try:
        return None if encoding is None else data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
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
    for kind, texts in (("sentence", SENTENCES), ("paragraph", paragraphs), ("article", articles())):
        for code_page in LEGACY_CODE_PAGES:
            for text in texts:
                if encodable(text, code_page):  # e.g. Ukrainian letters in KOI8-R cannot
                    yield kind, code_page, text.encode(code_page), text


def mixed_cases():
    """A UTF-8 sentence glued, a blank line between, to the next sentence in a code page."""
    for code_page in LEGACY_CODE_PAGES:
        for first, second in zip(SENTENCES, SENTENCES[1:]):
            if encodable(second, code_page):
                yield first.encode("utf-8") + b"\n\n" + second.encode(code_page), f"{first}\n\n{second}"


def mojibake_cases():
    for how in GARBLINGS:
        yield from ((how, garbled_variant(s, how), expected_repair(s, how)) for s in SENTENCES)
    for written_in, read_as in MISREADINGS:
        yield from ((f"{written_in} read as {read_as}", garble(s, read_as, written_in), s) for s in SENTENCES
                    if encodable(s, written_in))
    for symbol in SYMBOLS:
        for s in SENTENCES[::3]:
            text = f"{symbol} {s}"
            yield "symbols, double cp1251", garble(garble(text, "cp1251"), "cp1251"), text


def measure(function, cases) -> tuple[int, int, float]:
    right = 0
    started = time.perf_counter()
    for given, expected in cases:
        right += function(given) == expected
    return right, len(cases), time.perf_counter() - started


def decoders(cases):
    return (measure(newsclean_decode, cases), measure(chardet_decode, cases) if chardet else None,
            measure(charset_normalizer_decode, cases) if charset_normalizer else None, None)


def repairers(cases):
    return measure(repair_mojibake, cases), None, None, measure(ftfy_fix, cases) if ftfy else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--real", type=Path, help="the shared corpus folder (real/ and modern/ pages)")
    args = parser.parse_args()
    rows = []
    legacy = list(legacy_cases())
    for code_page in LEGACY_CODE_PAGES:
        cases = [(data, text) for _, cp, data, text in legacy if cp == code_page]
        rows.append((f"decode {code_page}", decoders(cases)))
    for kind in ("sentence", "paragraph", "article"):
        rows.append((f"decode all {kind}s", decoders([(d, t) for k, _, d, t in legacy if k == kind])))
    rows.append(("decode all", decoders([(d, t) for _, _, d, t in legacy])))
    rows.append(("decode utf-8 + code page mixed", decoders(list(mixed_cases()))))
    mojibake = list(mojibake_cases())
    for how in dict.fromkeys(how for how, _, _ in mojibake):
        rows.append((f"mojibake {how}", repairers([(g, e) for h, g, e in mojibake if h == how])))
    rows.append(("mojibake all", repairers([(g, e) for _, g, e in mojibake])))
    clean = [(s, s) for s in SENTENCES + LATIN]
    rows.append(("clean text left unchanged", repairers(clean)))
    clean_bytes = [(s.encode("utf-8"), s) for s in SENTENCES + LATIN]
    rows.append(("clean utf-8 decoded unchanged", decoders(clean_bytes)))
    if args.real:
        rows += real_rows(args.real)
    print_table(rows)


def real_rows(corpus: Path) -> list:
    """Real pages from outside the project: Cyrillic ones in every code page, all as clean UTF-8."""
    pages = sorted(corpus.glob("real/*/page.txt")) + sorted(corpus.glob("modern/*/page.txt"))
    texts = [page.read_text("utf-8") for page in pages]
    cyrillic = [t for t in texts if sum("\u0400" <= c <= "\u04ff" for c in t) > len(t) / 4]
    rows = []
    for code_page in LEGACY_CODE_PAGES:
        # what a legacy file of the page would hold: "?" for each character the code page lacks
        legacy = [t.encode(code_page, errors="replace") for t in cyrillic]
        rows.append((f"real pages in {code_page}", decoders([(data, data.decode(code_page)) for data in legacy])))
    rows.append(("real pages, utf-8 decoded unchanged", decoders([(t.encode("utf-8"), t) for t in texts])))
    rows.append(("real pages left unchanged by repair", repairers([(t, t) for t in texts])))
    return rows


def print_table(rows) -> None:
    def cell(result):
        if result is None:
            return f"{'n/a':>24}"
        right, total, seconds = result
        return f"{right:>4}/{total:<4} {right / total:6.1%} {seconds * 1000 / total:6.2f}ms".rjust(24)

    print(f"{'case':38} {'newsclean':>24} {'chardet':>24} {'charset-normalizer':>24} {'ftfy':>24}")
    print("-" * 138)
    for name, results in rows:
        print(f"{name:38} " + " ".join(cell(r) for r in results))
    print("(right/total, accuracy, time per case)")


if __name__ == "__main__":
    main()
