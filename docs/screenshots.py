"""Re-take the screenshots in docs/: the reader on the seed article (real pipeline) and on a hand-built record,
and a speaker page of a small hand-built corpus. Needs chromium (/usr/bin/chromium) and playwright.

    python docs/screenshots.py [--seed ../shared/examples/afp-putin-kim-2025-08-15.txt]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

from playwright.sync_api import sync_playwright  # noqa: E402

from sourcetrace.web.app import create_app  # noqa: E402
from test_web import HARBOUR, harbour_record  # noqa: E402
from test_web_browser import CHROMIUM, CHROMIUM_ARGS, hand_built, serving  # noqa: E402
from test_web_corpus import build_corpus  # noqa: E402

DOCS = REPO / "docs"
SEED = REPO.parent / "shared" / "examples" / "afp-putin-kim-2025-08-15.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=SEED, help="the seed article (read, never copied)")
    args = parser.parse_args()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1360, "height": 1000})
        page.set_default_timeout(120_000)
        with serving(create_app()) as url:  # the real pipeline
            page.goto(url + "/")
            page.get_by_label("Article text").fill(args.seed.read_text(encoding="utf-8"))
            page.get_by_role("button", name="Analyze").click()
            page.wait_for_selector("#article-text")
            first = page.locator("#article-text mark[tabindex]")
            if first.count():
                first.nth(min(2, first.count() - 1)).click()
            page.screenshot(path=str(DOCS / "reader-seed.png"), full_page=True)
            print("reader-seed.png:", first.count(), "statements highlighted")
        app = create_app()
        app.state.service.analyze = hand_built({HARBOUR: harbour_record()})
        with serving(app) as url:
            page.goto(url + "/")
            page.get_by_label("Article text").fill(HARBOUR)
            page.get_by_role("button", name="Analyze").click()
            page.locator("#article-text mark", has_text="den Plan").click()
            page.screenshot(path=str(DOCS / "reader-example.png"), full_page=True)
        with (
            tempfile.TemporaryDirectory() as tmp,
            serving(create_app(build_corpus(Path(tmp) / "c.duckdb"))) as url,
        ):
            page.goto(url + "/speaker?name=Polizei")
            page.screenshot(path=str(DOCS / "speaker.png"), full_page=True)
            page.goto(url + "/numbers?what=Demonstranten")
            page.screenshot(path=str(DOCS / "numbers.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main()
