"""The text of every built chapter reads as edited Swedish: none of the forbidden patterns below
(answer labels pasted into sentences, wrong agreement, suggestions that name no area, vague words
beside exact numbers, developer leftovers, English interface text) and each caveat once per page.
The text is the page as a reader sees it: the article without scripts, and without the folded
details block, which is where the build's technical particulars are kept on purpose."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# (pattern, why it is wrong) over the visible text of a chapter.
FORBIDDEN_TEXT = [
    (r"\bomkring \d", "vagt ord bredvid ett exakt tal"),
    (r"\bsvarar kommunerna för\b", "svarsalternativet står först i meningen, som en inklistrad etikett"),
    (r"\binte aktuell\b", "fel kongruens: inte aktuellt"),
    (r"Se över området,", "förslaget namnger inte området"),
    (r"\b\d+ nej, endast", "en svarsetikett med kommatecken mitt i en uppräkning"),
    (r"svarar \d+ kommuner? i länet med fler", "gruppens text passar inte efter 'svarar'"),
    (r"\b(Ett mycket stort behov|Dåligt, inte) svarar\b", "svarsalternativet står först i meningen"),
    (r"scripts/generate_example_data\.py", "utvecklarens filnamn i läsarens text"),
    (r"metabok \d+\.\d+\.\d+ \(kod", "programversion i läsarens text"),
    (r"\bnan\b|\bNaN\b|\bNone\b", "ett tomt värde från koden"),
    (r"\s[,.;:]\s", "skiljetecken efter mellanslag"),
]
ONCE_PER_PAGE = ["Siffrorna inom parentes"]
# English interface texts of the theme, anywhere in the page's HTML (also in attributes).
ENGLISH_INTERFACE = [
    "Toggle primary sidebar",
    "Toggle secondary sidebar",
    "Back to top",
    "Skip to main content",
    "Link to this heading",
    "Site navigation",
    "Color mode",
]


class ArticleText(HTMLParser):
    """The visible text of the page's article, without scripts, styles and <details> blocks."""

    SKIPPED = {"script", "style", "details", "noscript"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.article_depth = 0
        self.skip_depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "article" or self.article_depth:
            self.article_depth += 1
        if self.article_depth and (tag in self.SKIPPED or self.skip_depth):
            self.skip_depth += 1
        if tag in ("p", "li", "td", "th", "h1", "h2", "h3", "h4", "caption", "br", "div"):
            self.parts.append("\n")

    def handle_startendtag(self, tag, attrs):
        self.parts.append("\n")

    def handle_endtag(self, tag):
        if self.skip_depth:
            self.skip_depth -= 1
        if self.article_depth:
            self.article_depth -= 1

    def handle_data(self, data):
        if self.article_depth and not self.skip_depth:
            self.parts.append(data)

    def text(self) -> str:
        return "\n".join(" ".join(line.split()) for line in "".join(self.parts).splitlines() if line.strip())


def article_text(html: str) -> str:
    parser = ArticleText()
    parser.feed(html)
    return parser.text()


def text_problems(html: str) -> list[str]:
    """Every forbidden pattern found, with the text around it."""
    text = article_text(html)
    problems = []
    for pattern, why in FORBIDDEN_TEXT:
        for match in re.finditer(pattern, text):
            around = text[max(0, match.start() - 60) : match.end() + 60].replace("\n", " ")
            problems.append(f"{why}: …{around}…")
    for phrase in ONCE_PER_PAGE:
        if text.count(phrase) > 1:
            problems.append(f"{phrase!r} står {text.count(phrase)} gånger, ska stå en gång")
    problems += [f"engelsk gränssnittstext: {e!r}" for e in ENGLISH_INTERFACE if e in html]
    return problems


@pytest.fixture(scope="module")
def chapter_pages(built_site) -> list[Path]:
    pages = sorted((built_site / "book" / "kapitel").rglob("*.html"))
    assert pages
    return pages


def test_no_chapter_has_a_forbidden_pattern(built_site, chapter_pages):
    problems = []
    for path in chapter_pages:
        relative = path.relative_to(built_site).as_posix()
        problems += [f"{relative}: {p}" for p in text_problems(path.read_text(encoding="utf-8"))]
    assert problems == [], "\n".join(problems[:60])


BAD_PAGE = """<html><body><button title="Toggle primary sidebar"></button><article>
<p>På frågan svarar 4 kommuner i länet med fler aktörer än Arbetsförmedlingen; 10 nej, endast kommunen och
Arbetsförmedlingen och 2 vet ej.</p>
<p>Dåligt, inte aktuell eller saknas svarar kommunerna för Migrationsverket (12).</p>
<p>Ett mycket stort behov svarar kommunerna för trycksaker (3). Siffrorna inom parentes är antal kommuner.</p>
<p>Förslag utifrån svaren: Se över området, där många kommuner i riket anger problem eller brister.</p>
<p>hade ytterligare omkring 1 323 personer tagits emot. Siffrorna inom parentes är antal kommuner.</p>
<p>Sidan är framräknad av metabok 0.1.0 (kod 0123456789ab), se scripts/generate_example_data.py</p>
<details><summary>Om uppgifterna</summary><p>metabok 0.1.0 (kod 0123456789ab)</p></details>
</article><script>var x = "omkring 5";</script></body></html>"""


def test_each_forbidden_pattern_is_found_on_a_page_made_to_have_it():
    problems = text_problems(BAD_PAGE)
    for _, why in FORBIDDEN_TEXT[:9]:
        assert any(p.startswith(why) for p in problems), why
    assert "'Siffrorna inom parentes' står 2 gånger, ska stå en gång" in problems
    assert "engelsk gränssnittstext: 'Toggle primary sidebar'" in problems
    # The details block and scripts are not the reader's running text.
    assert sum("programversion" in p for p in problems) == 1
    assert not any("omkring 5" in p for p in problems)
