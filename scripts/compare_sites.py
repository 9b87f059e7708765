"""Compare two built sites: the text of every page and every collected file, after normalising
what may differ between builds of the same data (build dates, chart element ids, the code hash).

    .venv/bin/python scripts/compare_sites.py OLD_SITE NEW_SITE [--ignore-section "Om uppgifterna på sidan"]

Prints the pages and files that differ (with the first differing lines) and exits 1 if any do;
used to show that a refactoring leaves the published book as it was.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

NORMALISE = (
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "<datum>"),
    (re.compile(r"\bvis-[0-9a-f]{12}\b"), "vis-<id>"),
    (re.compile(r"\(kod [0-9a-f]{12}\)"), "(kod <hash>)"),
)
SKIPPED = {"script", "style", "noscript"}


class PageText(HTMLParser):
    """The visible text of a page's main content, one line per block of text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.skipping = 0
        self.in_main = 0

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skipping += 1
        if tag == "main":
            self.in_main += 1

    def handle_endtag(self, tag):
        if tag in SKIPPED:
            self.skipping -= 1
        if tag == "main":
            self.in_main -= 1

    def handle_data(self, data):
        text = " ".join(data.split())
        if text and not self.skipping and self.in_main:
            self.lines.append(text)


def normalised(text: str) -> str:
    for pattern, replacement in NORMALISE:
        text = pattern.sub(replacement, text)
    return text


def page_lines(path: Path, ignored_sections: list[str]) -> list[str]:
    parser = PageText()
    parser.feed(path.read_text(encoding="utf-8"))
    lines = [normalised(line) for line in parser.lines]
    for section in ignored_sections:
        if section in lines:
            lines = lines[: lines.index(section)] + ["<utelämnat avsnitt: " + section + ">"]
    return lines


def compared_files(site: Path) -> list[str]:
    pages = [p.relative_to(site).as_posix() for p in site.rglob("*.html") if "_static" not in p.parts]
    collected = [p.relative_to(site).as_posix() for p in (site / "data").rglob("*") if p.is_file()]
    return sorted(pages + collected)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--ignore-section", action="append", default=[], help="a heading and all after it")
    args = parser.parse_args()
    old_files, new_files = set(compared_files(args.old)), set(compared_files(args.new))
    differing = 0
    for name in sorted(old_files ^ new_files):
        print(f"bara i {'den gamla' if name in old_files else 'den nya'}: {name}")
        differing += 1
    for name in sorted(old_files & new_files):
        old, new = args.old / name, args.new / name
        if name.endswith(".html"):
            before, after = page_lines(old, args.ignore_section), page_lines(new, args.ignore_section)
        elif name.endswith(".xlsx"):
            continue  # zip containers with timestamps; their content is in the CSV beside them
        else:
            before, after = old.read_bytes().splitlines(), new.read_bytes().splitlines()
        if before != after:
            differing += 1
            print(f"skiljer sig: {name}")
            diff = difflib.unified_diff([str(x) for x in before], [str(x) for x in after], lineterm="", n=0)
            for line in list(diff)[2:12]:
                print(f"    {line[:200]}")
    compared = len(old_files & new_files)
    print(f"{compared} filer jämförda, {differing} skiljer sig.")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
