"""The report in a real headless browser (Debian's chromium through chromedriver), opened from disk.

Skipped where chromium is not installed, unless CLEANER_REQUIRE_BROWSER=1 (set by .ci/run, which
installs it): there a missing browser is a failure. `pytest --regen-golden` also refreshes the
screenshots in docs/.
"""
import os
import shutil

import pytest
from typer.testing import CliRunner

from cleaner.cli import app

from .conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
if not (CHROMIUM and CHROMEDRIVER):
    if os.environ.get("CLEANER_REQUIRE_BROWSER") == "1":
        raise RuntimeError("CLEANER_REQUIRE_BROWSER=1 but chromium or chromedriver is not installed")
    pytest.skip("chromium and chromedriver are not installed", allow_module_level=True)

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("run") / "out"
    here = os.getcwd()
    os.chdir(ROOT)  # documents are named as a user gives them: corpus/...
    try:
        result = CliRunner().invoke(app, ["run", "corpus", "--out", str(out), "--unit", "sentence", "--report", str(out / "report")])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return out / "report"


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path_factory.mktemp('profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    yield driver
    driver.quit()


def _visible_rows(browser, table: str) -> list:
    return [row for row in browser.find_elements(By.CSS_SELECTOR, f"#{table} tbody tr") if row.is_displayed()]


def test_overview_filter_and_document_marks(report, browser, tmp_path, regen):
    browser.get((report / "index.html").as_uri())
    assert browser.find_element(By.ID, "n-documents").text == "5"
    assert browser.find_element(By.ID, "n-chars-in").text == "28,879"
    assert browser.find_element(By.ID, "n-chars-out").text == "24,704"
    assert browser.find_element(By.ID, "n-clusters").text == "1"
    assert browser.find_element(By.ID, "n-quotes").text == "1"
    if regen:
        browser.save_screenshot(str(ROOT / "docs" / "report-overview.png"))

    Select(browser.find_element(By.ID, "rule-filter")).select_by_value("related-links.header")
    rows = _visible_rows(browser, "documents")
    assert [row.find_element(By.TAG_NAME, "a").text.rsplit("/", 1)[-1][:3] for row in rows] == ["000", "001"]
    assert browser.find_element(By.ID, "shown").text == "2"

    rows[1].find_element(By.TAG_NAME, "a").click()
    if regen:
        browser.save_screenshot(str(ROOT / "docs" / "report-document.png"))
    block = browser.find_element(By.CSS_SELECTOR, '#marked .edit[data-rule="related-links.header"]')
    assert block.text.startswith("相关内容") and block.get_attribute("title") == "related-links.header"
    browser.execute_script("arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -260);", block)
    block.send_keys("")  # focus the mark, as a keyboard user would
    browser.execute_script("arguments[0].focus();", block)
    tip = browser.find_element(By.ID, "tip")
    assert tip.is_displayed() and tip.text.startswith("related-links.header: Drops a related-links header")
    if regen:
        browser.save_screenshot(str(ROOT / "docs" / "report-related-links.png"))
    joins = browser.find_elements(By.CSS_SELECTOR, '#marked .edit.join[data-rule="layout.join-broken-line"]')
    assert len(joins) == 9

    browser.find_element(By.CSS_SELECTOR, '[data-rule-chip="layout.join-broken-line"]').click()
    edit_rows = _visible_rows(browser, "edits")
    assert len(edit_rows) == 9 and all("layout.join-broken-line" in row.text for row in edit_rows)

    browser.find_element(By.CSS_SELECTOR, '[data-view="cleaned"]').click()
    assert browser.find_element(By.ID, "cleaned").is_displayed() and not browser.find_element(By.ID, "marked").is_displayed()
    assert "相关内容" not in browser.find_element(By.ID, "cleaned").text
    browser.find_element(By.CSS_SELECTOR, '[data-view="marked"]').click()

    shot = tmp_path / "document.png"
    browser.save_screenshot(str(shot))
    assert shot.stat().st_size > 10_000


def test_repeated_passages_and_quotes_link_their_documents(report, browser):
    browser.get((report / "repeats.html").as_uri())
    (cluster,) = browser.find_elements(By.CSS_SELECTOR, "section.cluster")
    links = [a.get_attribute("href").rsplit("/", 1)[-1] for a in cluster.find_elements(By.CSS_SELECTOR, ".where a")]
    assert links == ["1.html", "4.html"]
    search = browser.find_element(By.ID, "search")
    search.send_keys("抓好")
    assert not cluster.is_displayed()
    browser.find_element(By.LINK_TEXT, "Quotes").click()
    (quote,) = browser.find_elements(By.CSS_SELECTOR, "section.quote")
    links = [a.get_attribute("href").rsplit("/", 1)[-1] for a in quote.find_elements(By.CSS_SELECTOR, ".where a")]
    assert links == ["0.html", "4.html"]
    assert quote.find_element(By.CSS_SELECTOR, ".occurrence:not(.rep) mark").text.startswith("“抓好党建是本职")
    browser.find_element(By.ID, "search").send_keys("基础不牢")
    assert not quote.is_displayed()
