"""The web pages (serve/) in a real headless Chromium (Debian's chromium and
chromium-driver, which `make test` installs): list, search, a story whose summary
sentences light up their source spans, conflicts marked, hostile article text shown as
text, and a phone-width layout. Screenshots go to test-output/browser/."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from helpers import EXAMPLES, HOSTILE, ROOT
from storyline.run.ingest import ingest
from storyline.serve import create_app
from storyline.store import Store

pytestmark = pytest.mark.slow
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.wait import WebDriverWait  # noqa: E402

SHOTS = ROOT / "test-output" / "browser"
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-dev-shm-usage",
    "--no-first-run",
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("site")
    dump = folder / "hostile.jsonl"
    dump.write_text(json.dumps(HOSTILE) + "\n")
    db = folder / "store.db"
    with Store(db) as store:
        ingest([EXAMPLES, dump], store)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(
        uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium')}")
    options.add_argument("--window-size=1280,900")
    driver = webdriver.Chrome(
        options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver")
    )
    driver.set_page_load_timeout(60)
    SHOTS.mkdir(parents=True, exist_ok=True)
    yield driver
    driver.quit()


def shot(driver: webdriver.Chrome, name: str) -> Path:
    path = SHOTS / f"{name}.png"
    assert driver.save_screenshot(str(path))
    return path


def no_script_ran(driver: webdriver.Chrome) -> None:
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    assert driver.execute_script("return window.pwned === undefined")


def test_the_list_shows_each_story_with_outlets_count_and_time_span(
    site: str, browser: webdriver.Chrome
) -> None:
    browser.get(site + "/")
    stories = browser.find_elements(By.CSS_SELECTOR, "li.story")
    assert len(stories) >= 4
    first = stories[0]
    assert first.find_element(By.CSS_SELECTOR, ".headline").text
    assert first.find_element(By.CSS_SELECTOR, ".outlets a").text
    assert "article" in first.find_element(By.CSS_SELECTOR, ".n").text
    assert first.find_element(By.CSS_SELECTOR, ".span").text
    no_script_ran(browser)
    shot(browser, "list")


def test_the_list_filters_by_outlet_and_orders_by_activity(
    site: str, browser: webdriver.Chrome
) -> None:
    browser.get(site + "/")
    everything = len(browser.find_elements(By.CSS_SELECTOR, "li.story"))
    outlet = browser.find_element(By.CSS_SELECTOR, "li.story .outlets a").text
    form = browser.find_element(By.CSS_SELECTOR, "form.filters")
    form.find_element(By.CSS_SELECTOR, "option[value=activity]").click()
    form.find_element(By.CSS_SELECTOR, "input[name=outlet]").send_keys(outlet)
    form.submit()
    loaded(browser, "order=activity")
    stories = browser.find_elements(By.CSS_SELECTOR, "li.story")
    assert 0 < len(stories) < everything
    for story in stories:
        outlets = [a.text for a in story.find_elements(By.CSS_SELECTOR, ".outlets a")]
        assert outlet in outlets
    chosen = browser.find_element(By.CSS_SELECTOR, "form.filters select[name=order]")
    assert chosen.get_attribute("value") == "activity"
    shot(browser, "list-filtered")


def search(browser: webdriver.Chrome, site: str) -> list:
    """The headlines the list shows for a search typed in its box."""
    browser.get(site + "/")
    box = browser.find_element(By.CSS_SELECTOR, "form.search input[name=q]")
    box.send_keys("footbridge harbour")
    box.submit()
    loaded(browser, "q=")  # else the list found may still be the page before the search
    return browser.find_elements(By.CSS_SELECTOR, "li.story .headline")


def loaded(browser: webdriver.Chrome, address: str) -> None:
    """Until the page whose address holds ``address`` has loaded: elements looked up
    before belong to the old page, and go stale (seen in full-suite runs)."""
    WebDriverWait(browser, 20).until(
        lambda b: (
            address in b.current_url
            and b.execute_script("return document.readyState") == "complete"
        )
    )


def open_first_result(browser: webdriver.Chrome, site: str) -> None:
    search(browser, site)[0].click()
    loaded(browser, "/stories/")


def test_search_finds_the_story(site: str, browser: webdriver.Chrome) -> None:
    results = search(browser, site)
    assert [r.text for r in results] and all("footbridge" in r.text.casefold() for r in results)
    shot(browser, "search")


def test_clicking_a_summary_sentence_lights_its_source_spans(
    site: str, browser: webdriver.Chrome
) -> None:
    open_first_result(browser, site)
    sentences = browser.find_elements(By.CSS_SELECTOR, ".summary li[data-sources]")
    assert sentences
    sentence = sentences[0]
    assert not browser.find_elements(By.CSS_SELECTOR, "mark.lit")
    sentence.click()
    wanted = set(sentence.get_attribute("data-sources").split())
    lit = browser.find_elements(By.CSS_SELECTOR, "mark.lit")
    assert {m.get_attribute("id") for m in lit} == wanted
    assert "active" in sentence.get_attribute("class")
    color = lit[0].value_of_css_property("background-color")
    assert color != browser.find_element(By.TAG_NAME, "body").value_of_css_property(
        "background-color"
    )
    shot(browser, "story-sentence-clicked")


def test_a_story_marks_its_conflict(site: str, browser: webdriver.Chrome) -> None:
    open_first_result(browser, site)
    conflicts = browser.find_elements(By.CSS_SELECTOR, "table.facts tr.conflicting")
    assert conflicts, "the example story's disagreement is marked"
    row = conflicts[0]
    assert row.find_element(By.CSS_SELECTOR, ".vs").text == "vs"
    assert row.value_of_css_property("background-color") not in ("rgba(0, 0, 0, 0)", "")
    browser.execute_script("arguments[0].scrollIntoView()", row)
    shot(browser, "story-conflict")


def test_hostile_article_text_is_shown_as_text_and_runs_nothing(
    site: str, browser: webdriver.Chrome
) -> None:
    browser.get(site + "/?q=Brask")
    link = browser.find_element(By.CSS_SELECTOR, "li.story .headline")
    assert "<img src=x onerror=window.pwned=3>" in link.text
    no_script_ran(browser)
    link.click()
    body = browser.find_element(By.TAG_NAME, "body").text
    assert "<script>window.pwned = 1; alert('x')</script>" in body
    assert 'onerror="window.pwned = 2"' in body
    assert not browser.find_elements(By.CSS_SELECTOR, "main img, a[href^='javascript']")
    no_script_ran(browser)
    shot(browser, "hostile")


def test_a_story_reads_on_a_phone(site: str, browser: webdriver.Chrome) -> None:
    browser.get(site + "/?q=footbridge")
    browser.find_element(By.CSS_SELECTOR, "li.story .headline").click()
    browser.set_window_size(390, 844)
    try:
        width = browser.execute_script("return document.documentElement.scrollWidth")
        viewport = browser.execute_script("return window.innerWidth")
        assert width <= viewport + 1, "nothing wider than the phone's screen"
        shot(browser, "story-phone")
    finally:
        browser.set_window_size(1280, 900)
