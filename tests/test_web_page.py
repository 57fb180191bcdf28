"""The web page of `arsip serve`, driven in a real headless Chromium (Debian's chromium + chromium-driver)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from test_web_api import ARTICLES, GRESIK_TEXT, Server, build_archive

CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, int]]]:
    url = f"sqlite:///{tmp_path_factory.mktemp('page') / 'arsip.db'}"
    ids = build_archive(url)
    server = Server(url)
    try:
        yield server, ids
    finally:
        server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    for path in (CHROMIUM, CHROMEDRIVER):
        if not Path(path).exists():
            raise RuntimeError(f"{path} is missing: apt-get install chromium chromium-driver (see .ci/run)")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                     f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"):
        options.add_argument(argument)
    options.add_experimental_option("prefs", {"intl.accept_languages": "id-ID,id"})  # an Indonesian user
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()


def titles(browser: webdriver.Chrome) -> list[str]:
    return [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#results .hit h3")]


def bars(browser: webdriver.Chrome) -> dict[str, int]:
    return {e.get_attribute("data-month"): int(e.get_attribute("data-count"))
            for e in browser.find_elements(By.CSS_SELECTOR, "#chart .bar")}  # type: ignore[misc]


def test_search_filter_open_article_and_chart(site: tuple[Server, dict[str, int]], browser: webdriver.Chrome) -> None:
    server, ids = site
    browser.get(server.base + "/")
    assert browser.find_element(By.CSS_SELECTOR, "button[type=submit]").text == "Cari"
    # The whole archive, by month (stories; the three Gresik copies count once), undated articles left out.
    assert bars(browser) == {"2024-08": 1, "2024-09": 1, "2024-10": 2, "2024-11": 1}

    box = browser.find_element(By.NAME, "q")
    box.send_keys("klaim JHT")
    box.submit()
    assert sorted(titles(browser)) == ["Klaim JHT Malang dipercepat", "Klaim JHT di Surabaya naik"]
    marks = {m.text.lower() for m in browser.find_elements(By.CSS_SELECTOR, "#results .snippet mark")}
    assert marks == {"klaim", "jht"}

    # Choosing a region re-runs the search (the select submits on change) and narrows the chart.
    Select(browser.find_element(By.NAME, "region")).select_by_value("35.07")
    browser.find_element(By.CSS_SELECTOR, "#chart")  # waits for the new page
    assert titles(browser) == ["Klaim JHT Malang dipercepat"]
    assert "Kabupaten Malang" in browser.find_element(By.ID, "chart-title").text
    assert bars(browser) == {"2024-10": 1}

    browser.find_element(By.LINK_TEXT, "Klaim JHT Malang dipercepat").click()
    article = browser.find_element(By.ID, "article")
    assert article.find_element(By.TAG_NAME, "h1").text == "Klaim JHT Malang dipercepat"
    assert ARTICLES["malang"][4] in article.find_element(By.CSS_SELECTOR, ".text").text
    assert article.find_element(By.CSS_SELECTOR, "a.original").get_attribute("href") == "https://jatimtimes.example/malang"


def test_one_story_lists_its_portals_and_dates_filter(site: tuple[Server, dict[str, int]], browser: webdriver.Chrome) -> None:
    server, ids = site
    browser.get(server.base + "/?lang=en")
    browser.find_element(By.NAME, "since").send_keys("2024-10")
    until = browser.find_element(By.NAME, "until")
    until.send_keys("2024-10")
    until.submit()
    hits = browser.find_elements(By.CSS_SELECTOR, "#results .hit")
    assert len(hits) == 2  # the Gresik story (three copies) and Malang
    sources = {h.find_element(By.CSS_SELECTOR, ".sources").text for h in hits}
    assert sources == {"klikjatim, nawacita, realita", "jatimtimes"}
    assert browser.find_element(By.CSS_SELECTOR, "button[type=submit]").text == "Search"  # English labels

    browser.find_element(By.NAME, "all_copies").click()  # submits on change: wait for the new page
    def copies(b: webdriver.Chrome) -> list:
        return b.find_elements(By.CSS_SELECTOR, "#results .hit") if "all_copies" in b.current_url else []

    WebDriverWait(browser, 10).until(lambda b: len(copies(b)) >= 4)  # every copy; fails after 10 s if not
    assert len(copies(browser)) == 4

    gresik = browser.find_element(By.CSS_SELECTOR, f".hit[data-id='{ids['gresik']}'] h3 a")
    gresik.click()
    text = browser.find_element(By.CSS_SELECTOR, "#article .text").text
    assert text.split("\n") == [p for p in GRESIK_TEXT.split("\n") if p]
    copies = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".copies li a:first-child")]
    assert copies == ["nawacita", "realita"]


def test_bad_filter_is_explained_on_the_page(site: tuple[Server, dict[str, int]], browser: webdriver.Chrome) -> None:
    server, _ = site
    browser.get(server.base + "/?since=kemarin&lang=en")
    assert "bad date 'kemarin'" in browser.find_element(By.CSS_SELECTOR, ".error .message").text
