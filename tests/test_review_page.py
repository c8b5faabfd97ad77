"""The review page in a real headless browser (Debian's chromium and chromedriver; .ci/run installs them).

What a reviewer relies on: every segment is on the page in both languages, every finding in the list at
the top leads to its sentence, nothing is fetched from the network, and the page reads at phone and
desktop widths. Skipped only where no browser is installed.
"""

import json
import shutil
import struct

import pytest

from briefing.formats import render
from briefing.glossary import load_glossaries
from briefing.pipeline import prepare, run_article
from conftest import SEED
from conftest import seed_translator

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
DRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(not (CHROMIUM and DRIVER), reason="no chromium/chromedriver installed")


@pytest.fixture(scope="module")
def reviewed():
    """The seed with three faults a reviewer must see: RIKEN misspelt (repaired), heavy-ion dropped
    from the first sentence (missing, which no repair inserts) and sentence 28's three countries
    (한미일 3국) made four (a number)."""
    glossary = load_glossaries(None)
    text = SEED.read_text(encoding="utf-8")
    translator = seed_translator()
    by_start = {s.ko[:10]: s.ko for s in prepare(text, glossary).segments}
    riken, first = by_start["특히 다수의 노벨상"[:10]], by_start["세종시가 일본 순방을"[:10]]
    three = by_start["향후 세종시는 한미일"[:10]]
    translator.enqueue(riken, translator.script[riken].replace("RIKEN", "Rikken"))
    translator.enqueue(first, translator.script[first].replace("heavy-ion, ", ""))
    translator.enqueue(three, translator.script[three].replace("where Korea, the United States and Japan",
                                                               "where four countries"))
    return run_article(text, glossary, translator)


@pytest.fixture(scope="module")
def page(reviewed, tmp_path_factory):
    path = tmp_path_factory.mktemp("review") / "review.html"
    path.write_text(render(reviewed, "html"), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    yield driver
    driver.quit()


def _open(browser, page, width):
    browser.set_window_size(width, 1000)
    browser.get(page.as_uri())
    return browser


def test_the_page_has_every_segment_in_both_languages(browser, page, reviewed):
    _open(browser, page, 1400)
    rows = browser.execute_script(
        "return [...document.querySelectorAll('[data-segment]')].map(r => [r.id,"
        " r.querySelector('.ko').textContent, r.querySelector('.en').textContent])")
    assert rows == [[s.id, s.ko, s.en] for s in _reading_order(reviewed)]
    assert page.stat().st_size < 1_000_000


def test_every_finding_links_to_its_sentence(browser, page, reviewed):
    _open(browser, page, 1400)
    links = browser.execute_script(
        "return [...document.querySelectorAll('#findings a')].map(a => { const t ="
        " document.getElementById(a.getAttribute('href').slice(1));"
        " return [a.textContent, t ? t.closest('[data-segment]').id : null, t ? t.textContent : null]; })")
    shown = {(text, row) for text, row, _ in links}
    assert all(row is not None for _, row, _ in links)
    assert ("sentence 1", "s1") in shown and ("sentence 28", "s28") in shown  # heavy-ion missing; 3국 number
    riken = next(i for i in reviewed.issues if i.found == "Rikken")
    assert (f"sentence {riken.segment[1:]}", riken.segment) in shown
    # the repair is shown before → after at its sentence, and the terms carry their status in both languages
    row = browser.find_element("id", riken.segment)
    assert "Rikken → RIKEN" in row.text
    assert row.find_elements("css selector", ".en mark.repaired")[0].text == "RIKEN"
    first = browser.find_element("id", "s1")
    assert first.find_element("css selector", ".ko mark.missing").text == "중입자"
    assert not first.find_elements("css selector", ".en mark.missing")  # nothing to mark where nothing stands


def test_the_page_makes_no_network_request(browser, page):
    browser.get_log("performance")  # drop what earlier tests logged
    browser.execute_cdp_cmd("Network.enable", {})
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    _open(browser, page, 1400)
    requested = {json.loads(e["message"])["message"]["params"]["request"]["url"]
                 for e in browser.get_log("performance")
                 if json.loads(e["message"])["message"]["method"] == "Network.requestWillBeSent"}
    assert requested == {page.as_uri()}
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert "default-src 'none'" in browser.find_element("css selector", "meta[http-equiv]").get_attribute("content")
    browser.execute_cdp_cmd("Network.emulateNetworkConditions",
                            {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


@pytest.mark.parametrize("width, side_by_side", [(400, False), (1400, True)])
def test_the_page_reads_at_phone_and_desktop_width(browser, page, tmp_path, width, side_by_side):
    _open(browser, page, width)
    assert browser.execute_script("return document.documentElement.scrollWidth") <= width  # no sideways scroll
    ko, en = (browser.find_element("css selector", f"#s5 .{side}").rect for side in ("ko", "en"))
    assert (abs(ko["y"] - en["y"]) < 2 and en["x"] > ko["x"] + ko["width"]) is side_by_side
    assert (en["y"] >= ko["y"] + ko["height"]) is not side_by_side  # stacked: English under Korean
    boilerplate = browser.find_element("css selector", "details")
    assert boilerplate.get_attribute("open") is None and "boilerplate" in boilerplate.text
    shot = tmp_path / f"review-{width}.png"
    assert browser.save_screenshot(str(shot))
    png_width, _ = struct.unpack(">II", shot.read_bytes()[16:24])
    assert png_width == width


def _reading_order(result):
    from briefing.formats.layout import reading_order

    return reading_order(result)
