"""Neo4j Browser on the local server, in headless Chromium: after login the project's guide is open, its style applied
(a Region drawn in the region colour), no usage-data banner, and no request leaves the machine."""

from __future__ import annotations

import os
import re
import secrets
import shutil
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from support import ROOT, build_seed_graph
from test_report import png_pixels

from coopgraph.browser import LABEL_STYLES
from coopgraph.graph.connection import open_driver
from coopgraph.graph.server import LocalServer, find_free_port
from coopgraph.graph.settings import Neo4jSettings
from coopgraph.library import load_library

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None)
CHROMEDRIVER = shutil.which("chromedriver")
pytestmark = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="no chromium and chromedriver (apt-get install chromium chromium-driver)"
)
# The screenshot the docs show; the test writes it when asked to (COOPGRAPH_SCREENSHOTS=1), else into tmp.
SCREENSHOT = ROOT / "docs" / "img" / "browser-on-connect.png"
SKO = "Северо-Казахстанская область"
BANNER = "To help make Neo4j Browser better we collect information on product usage"


@pytest.fixture(scope="module")
def local(neo4j_lib, tmp_path_factory):
    """A server of this module's own, started as `coopgraph server start` does, with the seeds' graph."""
    server = LocalServer(
        home=tmp_path_factory.mktemp("browser") / "neo4j",
        bolt_port=find_free_port(),
        http_port=find_free_port(),
        password=f"browser-{secrets.token_hex(8)}",
        lib_source=neo4j_lib,
        heap="512m",
        pagecache="128m",
    )
    server.start()
    try:
        with open_driver(Neo4jSettings(uri=server.bolt_uri, password=server.password)) as driver:
            build_seed_graph(driver, "neo4j")
        yield server
    finally:
        server.stop()


@pytest.fixture
def chrome(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1400,1100", f"--user-data-dir={tmp_path / 'profile'}"):  # fmt: skip
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for(check, timeout: float = 120.0, what: str = "the page", state=None):
    """Poll `check` until it gives a true value; an element Browser re-rendered or still animating is one more try.
    On a timeout the error says what `state()` shows then, so a CI log tells which frame was missing or extra."""
    from selenium.common.exceptions import (
        ElementClickInterceptedException,
        ElementNotInteractableException,
        StaleElementReferenceException,
    )

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if value := check():
                return value
        except (StaleElementReferenceException, ElementClickInterceptedException, ElementNotInteractableException):
            pass  # the form still fading in: "element not interactable" when typing into it (CI, stop 24)
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}" + (f"; the page shows {state()!r}" if state else ""))


def commands(chrome) -> list[str]:
    """The commands of the open frames; none while Browser re-renders them (the caller's wait_for retries)."""
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.common.by import By

    try:
        return [f.text for f in chrome.find_elements(By.CSS_SELECTOR, "[data-testid=frameCommand]")]
    except StaleElementReferenceException:
        return []


def click(chrome, selector: str) -> None:
    """Click once the element takes the click: Browser fades its forms in, and a label can cover a button meanwhile."""
    from selenium.webdriver.common.by import By

    def attempt() -> bool:
        chrome.find_element(By.CSS_SELECTOR, selector).click()
        return True

    wait_for(attempt, timeout=30.0, what=f"{selector} to take a click")


def frames_text(chrome) -> list[str]:
    """The start of each open frame's text: what a timed-out wait reports, so a CI log shows the page."""
    from selenium.webdriver.common.by import By

    return [f.text[:160] for f in chrome.find_elements(By.CSS_SELECTOR, "[data-testid=frame]")]


def log_in(chrome, server: LocalServer) -> None:
    """Type the password until it stays typed (Browser may re-render the form with the `dbms` URL's connection after
    the field appeared), connect, and wait until the form is gone: a login that did not go through fails here."""
    from selenium.webdriver.common.by import By

    chrome.get(server.browser_url)  # ?dbms=neo4j://neo4j@127.0.0.1:PORT fills in the URL and the user
    wait_for(lambda: chrome.find_elements(By.CSS_SELECTOR, "input[data-testid=password]"), what="login")
    address = chrome.find_element(By.CSS_SELECTOR, "input[data-testid=boltaddress]").get_attribute("value")
    username = chrome.find_element(By.CSS_SELECTOR, "input[data-testid=username]").get_attribute("value")
    assert (address, username) == (f"127.0.0.1:{server.bolt_port}", "neo4j")

    def typed() -> bool:
        field = chrome.find_element(By.CSS_SELECTOR, "input[data-testid=password]")
        if field.get_attribute("value") == server.password:
            return True
        field.clear()
        field.send_keys(server.password)
        return False  # looked at again on the next poll, after any re-render

    wait_for(typed, timeout=30.0, what="the password to stay typed")
    click(chrome, "button[data-testid=connect]")
    wait_for(
        lambda: not chrome.find_elements(By.CSS_SELECTOR, "input[data-testid=password]"),
        what="the login to go through",
        state=lambda: frames_text(chrome),
    )


def run_cypher(chrome, text: str) -> None:
    from selenium.webdriver.common.by import By

    editor = chrome.find_element(By.CSS_SELECTOR, "#monaco-main-editor textarea, .monaco-editor textarea")
    editor.send_keys(text)
    click(chrome, "[data-testid=editor-Run]")


def test_after_login_the_guide_is_open_and_a_region_has_the_region_colour(local, chrome, tmp_path):
    from selenium.webdriver.common.by import By

    guide = f"http://127.0.0.1:{local.http_port}/browser/coopgraph/guide.html"
    style = f"http://127.0.0.1:{local.http_port}/browser/coopgraph/style.grass"
    log_in(chrome, local)
    # the post-connect commands cleared Browser's own start guide away, applied the style, opened the guide
    # (each frame appears when its file has arrived: in either order)
    want = sorted([f":play {guide}", f":style {style}"])
    wait_for(lambda: sorted(commands(chrome)) == want, what="the guide and the style", state=lambda: commands(chrome))
    carousel = wait_for(lambda: chrome.find_elements(By.CSS_SELECTOR, "[data-testid=carousel]"), what="the carousel")
    slides = len(load_library()) + 1
    wait_for(lambda: f"1 / {slides}" in carousel[0].text, what="the first slide")
    assert "coopgraph: the curated queries" in carousel[0].text
    assert BANNER not in chrome.find_element(By.TAG_NAME, "body").text

    run_cypher(chrome, f"MATCH p = (:Region {{name: '{SKO}'}})-[:VISITED|PARTY_TO|PART_OF]-() RETURN p LIMIT 12")
    colour = LABEL_STYLES["Region"]
    fills = wait_for(
        lambda: {
            c.get_attribute("fill").lower()
            for c in chrome.find_elements(By.CSS_SELECTOR, "svg g.node circle")
            if c.get_attribute("fill")
        },
        what="nodes drawn",
    )
    # every node in its type's colour, none in the neutral Entity grey or a Browser default
    assert colour in fills and fills <= set(LABEL_STYLES.values()), fills
    # the picture for the docs: the query's graph above the guide (the style's frame closed)
    for frame in chrome.find_elements(By.CSS_SELECTOR, "[data-testid=frame]"):
        if frame.find_element(By.CSS_SELECTOR, "[data-testid=frameCommand]").text.startswith(":style"):
            frame.find_element(By.CSS_SELECTOR, "button[title=Close]").click()
    wait_for(lambda: (open_ := commands(chrome)) and open_[-1].startswith(":play"), what="the guide below the graph")
    time.sleep(2)  # the force layout settles
    shot = SCREENSHOT if os.environ.get("COOPGRAPH_SCREENSHOTS") else tmp_path / SCREENSHOT.name
    chrome.save_screenshot(str(shot))
    _w, _h, rows = png_pixels(shot)
    rgb = bytes(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    assert sum(row.count(rgb) for row in rows) > 200, "no region-coloured pixels in the screenshot"

    # nothing was requested from another machine: fonts, analytics and changelog scripts are refused
    hosts = {
        urlparse(url).hostname
        for entry in chrome.get_log("browser")
        for url in re.findall(r"https?://[^\s'\"]+", entry["message"])
        if entry.get("source") == "network"
    }
    assert hosts <= {"127.0.0.1", "localhost"}, hosts


def test_the_guide_and_style_are_served_by_the_server_itself(local):
    import urllib.request

    for name in ("guide.html", "style.grass"):
        with urllib.request.urlopen(f"http://127.0.0.1:{local.http_port}/browser/coopgraph/{name}", timeout=30) as r:
            shipped = Path(__file__).resolve().parents[2] / "graph" / "browser" / name
            assert r.read() == shipped.read_bytes()
