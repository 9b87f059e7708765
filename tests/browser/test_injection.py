"""Text from data is shown as text and never runs, proved in the browser.

1. The shipped 2021 example data carries, for Uppsala (0380), HTML and script and a formula-like
   text; the built Uppsala page shows them as text and runs nothing.
2. A län's narrative file full of markup (script, img onerror, a javascript: link, MyST directives
   and roles, raw HTML) is built into a chapter on a copy of the data; the page shows it inert.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from browser import checks
from metabok import config

from helpers import serve

UPPSALA_2021 = "book/kapitel/meta/2021/03-uppsala.html"
UPPSALA_2013 = "book/kapitel/meta/2013/03-uppsala.html"
MARKERS = ["alert("]


def uppsala_test_texts() -> list[str]:
    """The deliberate test texts of kommun 0380 in the 2021 answer file (read from the file itself)."""
    path = next((config.SURVEY_DIR / "2021" / "svar").glob("03_*.xlsx"))
    sheet = load_workbook(path, read_only=True)["Svar"]
    rows = sheet.iter_rows(values_only=True)
    header = next(rows)
    row = next(r for r in rows if r[header.index("Kommunkod")] == "0380")
    texts = [v for v in row if isinstance(v, str) and ("<script>" in v or v.startswith("+"))]
    assert len(texts) == 2, texts
    return texts


def test_uppsala_2021_shows_html_and_formula_text_as_text(page, site_url):
    texts = uppsala_test_texts()
    assert any('<script>alert("x")</script>' in t and "<img src=x onerror=alert(1)>" in t for t in texts)
    assert any(t.startswith("+SUMMA(A1)") for t in texts)
    events = checks.open_page(page, f"{site_url}/{UPPSALA_2021}")
    assert checks.missing_texts(page, texts) == []
    assert checks.injected_code_problems(page, events, ['alert("x")', "alert(1)"]) == []
    assert events.dialogs == []
    assert page.locator('img[src="x"]').count() == 0
    assert events.errors == []


HOSTILE_NARRATIVE = """\
Inledning: <script>alert("inledning")</script> och <img src=x onerror=alert(2)>.

## Sammanfattning

**Tema <b onmouseover=alert(3)>fet</b>**
Läs [länk](javascript:alert(4)) och <a href="javascript:alert(5)">klicka här</a>.
<iframe src="javascript:alert(6)"></iframe>
Roll {math}`x^2` och {sub-ref}`wordcount-words` och {{ ersattning }}.

## Utvecklingsområden

**Direktiv**
```{raw} html
<script>alert(7)</script>
```

**Ruta**
:::{warning}
Varning från data
:::
<div onclick="alert(8)">rå HTML</div>
"""
SHOWN_AS_TEXT = [
    'Inledning: <script>alert("inledning")</script> och <img src=x onerror=alert(2)>.',
    "Tema <b onmouseover=alert(3)>fet</b>",
    'Läs [länk](javascript:alert(4)) och <a href="javascript:alert(5)">klicka här</a>.',
    '<iframe src="javascript:alert(6)"></iframe>',
    "Roll {math}`x^2` och {sub-ref}`wordcount-words` och {{ ersattning }}.",
    "```{raw} html <script>alert(7)</script> ```",
    ':::{warning} Varning från data ::: <div onclick="alert(8)">rå HTML</div>',
]


@pytest.fixture(scope="module")
def hostile_narrative_site(tmp_path_factory) -> Path:
    """Uppsala län 2013 built on a copy of the data with the hostile narrative as berattelse/03.md."""
    root = tmp_path_factory.mktemp("berattelse")
    shutil.copytree(config.DATA_DIR, root / "data")
    shutil.copytree(config.NOTEBOOK_DIR, root / "notebooks")
    # Braces doubled: a single brace opens a placeholder (data/README.md), and {{ }} is a literal brace.
    (root / "data" / "enkat" / "2013" / "berattelse" / "03.md").write_text(
        HOSTILE_NARRATIVE.replace("{", "{{").replace("}", "}}"), encoding="utf-8"
    )
    env = {
        **os.environ,
        "METABOK_DATA_DIR": str(root / "data"),
        "METABOK_BUILD_DIR": str(root / "_build"),
        "METABOK_NOTEBOOK_DIR": str(root / "notebooks"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "metabok", "build", "--quiet", "--no-pdf", "--year", "2013", "--county", "03"],
        capture_output=True,
        text=True,
        env=env,
        cwd=config.PROJECT_ROOT,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return root / "_build" / "html"


def test_hostile_narrative_is_rendered_inert(page, hostile_narrative_site):
    source = (hostile_narrative_site / UPPSALA_2013).read_text(encoding="utf-8")
    assert "<script>alert" not in source and "<iframe" not in source
    with serve(hostile_narrative_site) as url:
        events = checks.open_page(page, f"{url}/{UPPSALA_2013}")
        assert checks.missing_texts(page, SHOWN_AS_TEXT) == []
        assert checks.injected_code_problems(page, events, MARKERS) == []
        assert events.dialogs == []
        assert page.locator(".admonition", has_text="Varning från data").count() == 0
        assert page.locator("article .math, article mjx-container").count() == 0
        assert events.errors == []
