"""The web site and its live preview in a real browser: Debian's Chromium driven by Playwright, with
axe-core checking every page against WCAG 2.2 AA. The site is served from the shared sample build,
at the root of a local web server, as a clinic would deploy it."""

from __future__ import annotations

import functools
import http.server
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import FIXTURE_CONTENT, ROOT, edit

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# Running as root needs --no-sandbox; the rest keep Chromium off the (closed) network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-default-apps"]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = ["", "leaflets/MSL-PLEX/", "leaflets/MSL-IVIG/", "leaflets/MSL-HSCT/", "leaflets/MSL-OVERVIEW/"]
# a page per language (issue 20, part 9): Welsh, Polish and Urdu (right to left)
TRANSLATED = ["leaflets/MSL-PLEX/cy/", "leaflets/MSL-PLEX/pl/", "leaflets/MSL-OVERVIEW/ur/", "leaflets/MSL-PLEX/ur/"]
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}  # WCAG 1.4.10: 1280 px at 400% zoom
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    assert CHROMIUM.is_file(), "Chromium is missing: run 'bash setup.sh' (Debian package 'chromium')"
    assert AXE.is_file(), "axe-core is missing: run 'bash setup.sh' (npm ci)"
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def sites(sample_output: Path) -> Iterator[dict[str, str]]:
    """Each brand's built site served at the root of its own local web server, by brand."""
    servers = {}
    for brand in ("riverside", "northfield"):
        handler = functools.partial(_Quiet, directory=str(sample_output / "site" / brand))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers[brand] = server
    yield {brand: f"http://127.0.0.1:{server.server_address[1]}/" for brand, server in servers.items()}
    for server in servers.values():
        server.shutdown()
        server.server_close()


def open_page(browser: object, base: str, viewport: dict = DESKTOP) -> tuple[object, list[str]]:
    """A new page that records (and blocks) every request to anywhere but `base`."""
    page = browser.new_page(viewport=viewport)  # type: ignore[attr-defined]
    elsewhere: list[str] = []

    def guard(route: object) -> None:
        url = route.request.url  # type: ignore[attr-defined]
        if url.startswith(base):
            route.continue_()  # type: ignore[attr-defined]
        else:
            elsewhere.append(url)
            route.abort()  # type: ignore[attr-defined]

    page.route("**/*", guard)
    return page, elsewhere


def axe_violations(page: object) -> list[str]:
    page.add_script_tag(path=str(AXE))  # type: ignore[attr-defined]
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})",  # type: ignore
                           WCAG_22_AA)
    return [f"{v['id']}: {v['help']} at {[node['target'] for node in v['nodes']][:3]}" for v in result["violations"]]


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("brand", ["riverside", "northfield"])
def test_every_page_has_no_wcag_22_aa_violations_and_loads_only_its_own_files(
        browser: object, sites: dict[str, str], brand: str, path: str) -> None:
    page, elsewhere = open_page(browser, sites[brand])
    response = page.goto(sites[brand] + path)
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
    assert elsewhere == []
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", TRANSLATED)
def test_each_language_page_has_no_wcag_22_aa_violations_at_phone_and_desktop_widths(
        browser: object, sites: dict[str, str], path: str, viewport: dict) -> None:
    page, elsewhere = open_page(browser, sites["riverside"], viewport)
    assert page.goto(sites["riverside"] + path).status == 200
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == viewport["width"]
    assert axe_violations(page) == []
    assert elsewhere == []
    page.close()


def test_the_language_switcher_leads_to_the_urdu_page_right_to_left_in_its_own_font(
        browser: object, sites: dict[str, str]) -> None:
    base = sites["riverside"]
    page, _ = open_page(browser, base)
    page.goto(base + "leaflets/MSL-PLEX/")
    switcher = page.get_by_role("navigation", name="Languages")
    assert switcher.get_by_role("link", name="English").get_attribute("aria-current") == "page"
    switcher.get_by_role("link", name="اردو").click()
    page.wait_for_url(base + "leaflets/MSL-PLEX/ur/index.html")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("[document.documentElement.lang, getComputedStyle(document.body).direction]") == ["ur", "rtl"]
    loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status == 'loaded')"
                           ".map(f => f.family.replaceAll('\"', '')))")
    assert "Noto Naskh Arabic" in loaded
    assert page.get_by_role("navigation", name="زبانیں").get_by_role("link", name="اردو") \
        .get_attribute("aria-current") == "page"
    page.close()


def test_clicking_from_the_index_to_a_leaflet_and_to_its_pdf(browser: object, sites: dict[str, str],
                                                             sample_output: Path) -> None:
    base = sites["riverside"]
    page, _ = open_page(browser, base)
    page.goto(base)
    page.get_by_role("link", name="Plasma exchange for a severe MS relapse", exact=True).click()
    page.wait_for_url(base + "leaflets/MSL-PLEX/index.html")
    assert page.locator("h1").inner_text() == "Plasma exchange for a severe MS relapse"
    with page.expect_response(re.compile(r".*\.pdf$")) as response:
        page.get_by_role("link", name="Standard print PDF").click()
    assert response.value.status == 200
    assert response.value.url == base + "leaflets/MSL-PLEX/plasma-exchange-email-a4.pdf"
    assert response.value.headers["content-type"] == "application/pdf"
    built = (sample_output / "riverside" / "plasma-exchange-email-a4.pdf").read_bytes()
    assert page.request.get(response.value.url).body() == built  # Chromium shows it in its PDF viewer
    page.close()


@pytest.mark.parametrize("path", PAGES)
def test_pages_fit_a_phone_without_sideways_scrolling(browser: object, sites: dict[str, str], path: str) -> None:
    page, _ = open_page(browser, sites["riverside"], PHONE)
    page.goto(sites["riverside"] + path)
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == PHONE["width"]
    page.close()


@pytest.mark.parametrize("path", PAGES)
@pytest.mark.parametrize("brand", ["riverside", "northfield"])
def test_every_page_reflows_at_320_px_with_no_sideways_scrolling_and_no_wcag_violations(
        browser: object, sites: dict[str, str], brand: str, path: str) -> None:
    page, _ = open_page(browser, sites[brand], NARROWEST)
    page.goto(sites[brand] + path)
    page.wait_for_load_state("networkidle")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1] == NARROWEST["width"]
    assert axe_violations(page) == []
    page.close()


# The character before each line break inside the text of the clinic's e-mail and web addresses.
ADDRESS_BREAKS = """() => [...document.querySelectorAll('a[href^="mailto:"], .contact a')].flatMap(link => {
  const text = link.textContent, range = document.createRange(), walker = document.createTreeWalker(link, 4);
  const tops = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode())
    for (let i = 0; i < node.length; i++) {
      range.setStart(node, i); range.setEnd(node, i + 1);
      tops.push([node.data[i], range.getClientRects()[0]?.top]);
    }
  return tops.flatMap(([ch, top], i) => i && top > tops[i - 1][1] + 1 ? [[text, tops[i - 1][0]]] : []);
})"""


@pytest.mark.parametrize("brand", ["riverside", "northfield"])
def test_an_address_that_wraps_at_320_px_never_wraps_at_a_hyphen(
        browser: object, sites: dict[str, str], brand: str) -> None:
    page, _ = open_page(browser, sites[brand], NARROWEST)
    page.goto(sites[brand] + "leaflets/MSL-HSCT/")
    page.wait_for_load_state("networkidle")
    breaks = page.evaluate(ADDRESS_BREAKS)
    assert [text for text, _ in breaks if "@" in text]  # the e-mail address does wrap somewhere at 320 px
    assert [(text, before) for text, before in breaks if before == "-"] == []
    page.close()


def test_the_urgent_heading_is_named_without_its_warning_sign(browser: object, sites: dict[str, str]) -> None:
    """The "!" before it is drawn (styles/leaflet.css), so the heading's accessible name is its words."""
    page, _ = open_page(browser, sites["riverside"])
    page.goto(sites["riverside"] + "leaflets/MSL-HSCT/")
    heading = page.get_by_role("heading", name="When to get help urgently", exact=True)
    assert heading.count() == 1 and heading.evaluate("e => getComputedStyle(e, '::before').width") != "0px"
    page.close()


def test_pages_are_set_in_the_brands_own_font_served_from_the_site(browser: object, sites: dict[str, str]) -> None:
    page, _ = open_page(browser, sites["riverside"])
    page.goto(sites["riverside"] + "leaflets/MSL-PLEX/")
    page.wait_for_load_state("networkidle")
    loaded = page.evaluate("document.fonts.ready.then(() => [...document.fonts].filter(f => f.status == 'loaded')"
                           ".map(f => f.family))")
    assert "Atkinson Hyperlegible Next" in [family.strip('"') for family in loaded]  # the brand's own, served
    assert page.locator("h1").evaluate("e => getComputedStyle(e).fontFamily").startswith('"Atkinson Hyperlegible Next"')
    page.close()


def test_a_page_reads_in_full_without_javascript(browser: object, sites: dict[str, str]) -> None:
    context = browser.new_context(java_script_enabled=False)  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto(sites["riverside"] + "leaflets/MSL-PLEX/")
    assert page.get_by_role("heading", name="When to get help urgently").is_visible()
    assert page.get_by_role("heading", name="Sources").is_visible()
    context.close()


# ---- the live preview ------------------------------------------------------------------------

class Preview:
    """`build.py serve` on a copy of the fixture content, in its own process."""

    def __init__(self, root: Path) -> None:
        self.content = root / "content"
        self.log = root / "serve.log"
        self.out = root / "out"
        self.process = subprocess.Popen(
            [sys.executable, str(ROOT / "build.py"), "serve", "--port", "0", "--content", str(self.content),
             "--out", str(self.out), "--today", "2026-06-01"],
            stdout=subprocess.PIPE, stderr=self.log.open("w"), text=True, cwd=ROOT)
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert found, f"serve printed {line!r}; log: {self.log.read_text()}"
        self.base = f"http://127.0.0.1:{found.group(1)}/"

    def wait_for_log(self, text: str, count: int = 1, timeout: float = 180) -> None:
        """Wait until the preview's log says `text` `count` times (a background PDF build)."""
        deadline = time.monotonic() + timeout
        while self.log.read_text().count(text) < count:
            assert self.process.poll() is None, self.log.read_text()
            assert time.monotonic() < deadline, f"no {text!r} in the log: {self.log.read_text()}"
            time.sleep(0.2)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Preview]:
    import shutil
    root = tmp_path_factory.mktemp("preview")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    running = Preview(root)
    running.wait_for_log("PDFs rebuilt")
    yield running
    running.stop()


def test_preview_listens_only_on_this_computer_by_default(preview: Preview) -> None:
    assert preview.base.startswith("http://127.0.0.1:")


def test_preview_shows_a_saved_yaml_edit_within_2_seconds(browser: object, preview: Preview) -> None:
    page, _ = open_page(browser, preview.base)
    page.goto(preview.base + "testclinic/leaflets/TEST-ALPHA/")
    heading = page.locator("h1")
    assert heading.inner_text() == "Alpha therapy"
    edit(preview.content / "alpha.yaml", "title: Alpha therapy\n", "title: Alpha therapy, revised\n")
    from playwright.sync_api import expect
    expect(heading).to_have_text("Alpha therapy, revised", timeout=2000)  # the promise: within 2 s
    page.close()


def test_preview_shows_a_yaml_error_with_its_file_and_line_then_recovers(browser: object, preview: Preview) -> None:
    from playwright.sync_api import expect
    page, _ = open_page(browser, preview.base)
    page.goto(preview.base + "testclinic/leaflets/TEST-ALPHA/")
    alpha = preview.content / "alpha.yaml"
    good = alpha.read_text(encoding="utf-8")
    lines = good.count("\n")
    alpha.write_text(good + "questions: [unclosed\n", encoding="utf-8")
    problems = page.locator(".problems")
    # the loader's hint (issue 9) points at the line where the bracket was opened
    expect(problems).to_contain_text(f"alpha.yaml:{lines + 1}", timeout=2000)
    expect(problems).to_contain_text("the bracket [ opened here is not closed")
    assert page.locator("h1").inner_text() == "Problem in the content"
    alpha.write_text(good, encoding="utf-8")
    expect(page.locator("h1")).not_to_have_text("Problem in the content", timeout=2000)
    page.close()


def test_preview_rebuilds_the_pdfs_in_the_background_after_an_edit(preview: Preview) -> None:
    edit(preview.content / "overview.yaml", "title: Test overview", "title: Background overview")
    pdf = preview.out / "testclinic" / "overview-email-a4.pdf"
    deadline = time.monotonic() + 180
    while "Background " not in subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout:
        assert preview.process.poll() is None, preview.log.read_text()
        assert time.monotonic() < deadline, f"the PDF was not rebuilt: {preview.log.read_text()}"
        time.sleep(0.5)
