"""The --explain page in a real headless browser (Chromium from the system packages; skipped without it):
it renders, its counts are those of the article's blocks, and it loads no URL."""
from __future__ import annotations

import json
import pathlib
import shutil
import subprocess
from collections import Counter

import pytest
from click.testing import CliRunner
from lxml import html

from newsclean.cli import main

SAMPLES = pathlib.Path(__file__).resolve().parents[1] / "samples"
CHROMIUM = next(filter(None, map(shutil.which, ("chromium", "chromium-browser", "google-chrome"))), None)
# no update checks, sync or spelling downloads of the browser's own: only the page may ask for anything
QUIET_BROWSER = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-extensions",
                 "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND"]

pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium)")


def browse(page: pathlib.Path, tmp_path: pathlib.Path) -> tuple[str, set[str]]:
    """(the DOM as the browser built it, the URLs the page asked for, itself excepted)."""
    log = tmp_path / "net.json"
    dom = subprocess.run([CHROMIUM, *QUIET_BROWSER, f"--log-net-log={log}", "--dump-dom", page.as_uri()],
                         capture_output=True, text=True, timeout=120, check=True).stdout
    net = json.loads(log.read_text("utf-8"))
    start_job = net["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = {event["params"]["url"] for event in net["events"] if event["type"] == start_job
            and event["params"].get("network_isolation_key", "").startswith("file://")}  # asked by a file's page
    return dom, urls - {page.as_uri()}


def explain_page(tmp_path: pathlib.Path, sample: str) -> pathlib.Path:
    page = tmp_path / "report.html"
    result = CliRunner().invoke(main, [str(SAMPLES / sample), "--explain", "-f", "html", "-o", str(page)])
    assert result.exit_code == 0, result.stderr
    return page


def test_the_browser_check_sees_a_page_that_loads_a_url(tmp_path):
    control = tmp_path / "control.html"
    control.write_text('<html><body><img src="http://example.invalid/a.png"><p>x</p></body></html>', "utf-8")
    assert browse(control, tmp_path)[1] == {"http://example.invalid/a.png"}


@pytest.mark.parametrize("sample", ["uk_html_observatory.html", "ru_innertext_city.txt"])
def test_the_explain_page_renders_with_the_right_counts_and_loads_nothing(tmp_path, sample):
    from newsclean import clean
    from newsclean.explain import verdict_of
    from newsclean.options import Options

    page = explain_page(tmp_path, sample)
    dom, urls = browse(page, tmp_path)
    assert urls == set()
    tree = html.fromstring(dom)
    article = clean((SAMPLES / sample).read_bytes(), source=str(SAMPLES / sample), options=Options(keep_removed=True))
    expected = Counter(verdict_of(block) for block in article.blocks)
    rows = Counter(row.get("data-verdict") for row in tree.xpath("//table[@class='input']//tr[@data-verdict]"))
    assert rows == expected and rows["kept"] and rows["dropped"]
    totals = {span.get("data-verdict"): int(span.get("data-count")) for span in tree.xpath("//p[@class='totals']/span")}
    assert totals == {name: expected[name] for name in ("kept", "meta", "dropped")}
    legend = sum(int(row.get("data-count")) for row in tree.xpath("//tr[@class='legend']"))
    assert legend == expected["dropped"]
    assert tree.xpath("string(//pre[@class='article'])").strip() == article.to_markdown().strip()
    struck = tree.xpath("//tr[@data-verdict='dropped']")[0]
    assert struck.get("title") and "--c:hsl(" in struck.get("style")


def test_the_explain_page_renders_to_pixels(tmp_path):
    page = explain_page(tmp_path, "uk_html_observatory.html")
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, *QUIET_BROWSER, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000  # not a blank page
