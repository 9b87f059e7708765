"""The one escaper, `text.escape_markdown`, and the JSON inside <script>, as properties.

Seeded random strings from a hostile alphabet (markup, MyST and Sphinx syntax, HTML, entities,
line separators, control and bidi characters, look-alikes, formula prefixes) are escaped and
rendered by MyST's own Markdown parser, with every syntax extension it has enabled: the HTML
must be one paragraph (or heading) per paragraph of text and nothing else, and its text must be
the input as written (up to whitespace, control and bidi characters).
"""

from __future__ import annotations

import json
import random
import re
from html.parser import HTMLParser

import pytest
import yaml
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from metabok import config
from metabok.page import script_json
from metabok.text import escape_markdown

ALPHABET = (
    "<",
    ">",
    "&",
    "&amp;",
    "&#60;",
    '"',
    "'",
    "`",
    "```",
    "~~~",
    "*",
    "**",
    "_",
    "__",
    "[",
    "]",
    "(",
    ")",
    "{",
    "}",
    "{{",
    "}}",
    "#",
    "# ",
    "## ",
    "|",
    "||",
    "$",
    "$$",
    "\\",
    "!",
    "^",
    "%",
    "+",
    "+++",
    "-",
    "---",
    "=",
    "===",
    ":",
    ":::",
    "::",
    ";",
    "@",
    ".",
    "1.",
    "1)",
    ">",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\u2028",
    "\u2029",
    "\x0c",
    "\x00",
    "\x1b",
    "\u202e",
    "\u2066",
    "\u200f",
    "\u0430",
    "\u039f",
    "a",
    "Å",
    "ö",
    "x",
    "1",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<img src=x onerror=alert(1)>",
    "{raw}",
    "{math}",
    ".. raw:: html",
    "(mål)=",
    "[^1]",
    "[a]: /x",
    "javascript:alert(2)",
    "\\\n",
    "<http://x.se>",
    "www.x.se",
    "=SUMMA(A1)",
    "+1",
    "-1",
    "@A1",
)
# The book's own MyST extensions, and those that change what text means (math, substitutions).
BOOK_EXTENSIONS = yaml.safe_load((config.PROJECT_ROOT / "_config.yml").read_text(encoding="utf-8"))["parse"][
    "myst_enable_extensions"
]
MYST = create_md_parser(
    MdParserConfig(enable_extensions={*BOOK_EXTENSIONS, "dollarmath", "substitution", "deflist"}),
    RendererHTML,
)
BIDI_AND_CONTROL = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069\u061c]")


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag if not attrs else f"{tag}{attrs}")

    def handle_startendtag(self, tag, attrs):
        self.tags.append(f"{tag}/")

    def handle_comment(self, data):
        self.tags.append("<!--")

    def handle_data(self, data):
        self.text.append(data)


def rendered(markdown: str) -> _Tags:
    parser = _Tags()
    parser.feed(MYST.render(markdown))
    return parser


def expected_text(text: str) -> list[str]:
    """The paragraphs a reader should see: whitespace collapsed, bidi controls gone, control
    characters shown as U+FFFD."""
    text = BIDI_AND_CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = re.sub("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", "\ufffd", text)
    paragraphs = re.split(r"\n[^\S\n]*\n", text.strip())
    return [" ".join(p.split()) for p in paragraphs if p.split()]


def random_texts(count: int) -> list[str]:
    rng = random.Random(14)
    return ["".join(rng.choice(ALPHABET) for _ in range(rng.randint(1, 25))) for _ in range(count)]


@pytest.mark.parametrize("text", random_texts(400))
def test_escaped_text_renders_as_the_same_text_and_nothing_else(text):
    paragraphs = expected_text(text)
    result = rendered(escape_markdown(text))
    assert result.tags == ["p"] * len(paragraphs), (text, MYST.render(escape_markdown(text)))
    shown = [p.strip() for p in "".join(result.text).split("\n") if p.strip()]
    # MyST turns U+FFFD back from NUL-free text unchanged; compare paragraph by paragraph.
    assert shown == paragraphs


@pytest.mark.parametrize("text", random_texts(100))
def test_escaped_text_in_a_heading_and_after_a_bold_theme_stays_text(text):
    if not expected_text(text):
        return
    assert rendered(f"### {escape_markdown(' '.join(text.split()))}").tags == ["h3"]
    heading = escape_markdown("Tema " + text.split()[0])
    themed = rendered(f"**{heading}**\\\n{escape_markdown(text)}")
    assert set(themed.tags) <= {"p", "strong", "br/"}, themed.tags


@pytest.mark.parametrize("text", random_texts(100))
def test_json_for_a_script_element_is_the_same_value_and_cannot_leave_it(text):
    value = {"text": text, "list": [text, 1]}
    encoded = script_json(value)
    assert json.loads(encoded) == value
    assert not set(encoded) & {"<", ">", "&", "\u2028", "\u2029"}
