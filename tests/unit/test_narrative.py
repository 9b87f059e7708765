"""The län's own texts: themes per section, plain text, and mistakes named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from metabok.errors import InputError
from metabok.survey.codebook import Problems
from metabok.survey.narrative import Narrative, check_narratives, load_narrative

GOOD = """\
Länsstyrelsen har läst svaren.

## Sammanfattning

**Överenskommelser och mottagande**
Majoriteten av kommunerna i länet har en överenskommelse.
Det gäller även ensamkommande barn.

Ett andra stycke <script>alert(1)</script>.

**Bosättning**
Bostadsbristen är stor.

## Utvecklingsområden

**Ensamkommande barn**
Se över hinder för att tillgodose **barnens** behov.
"""


def write(tmp_path: Path, text: str | bytes, county: str = "01") -> Path:
    folder = tmp_path / "2013" / "berattelse"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{county}.md"
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def test_sections_themes_and_plain_text(tmp_path):
    path = write(tmp_path, GOOD)
    before = path.read_bytes()
    narrative = load_narrative(2013, "01", tmp_path)
    assert path.read_bytes() == before
    assert narrative == Narrative(
        summary=[
            (
                "Överenskommelser och mottagande",
                "Majoriteten av kommunerna i länet har en överenskommelse.\n"
                "Det gäller även ensamkommande barn.\n\n"
                "Ett andra stycke <script>alert(1)</script>.",
            ),
            ("Bosättning", "Bostadsbristen är stor."),
        ],
        development_areas=[("Ensamkommande barn", "Se över hinder för att tillgodose **barnens** behov.")],
        intro="Länsstyrelsen har läst svaren.",
    )


def test_windows_line_endings_bom_and_case(tmp_path):
    text = "\ufeff## SAMMANFATTNING  \r\n\r\n**Tema**\r\nText.\r\n"
    write(tmp_path, text.encode("utf-8"))
    narrative = load_narrative(2013, "01", tmp_path)
    assert narrative.summary == [("Tema", "Text.")]
    assert narrative.development_areas == [] and narrative.intro is None


def test_missing_file_is_none_and_riket_is_allowed(tmp_path):
    assert load_narrative(2013, "01", tmp_path) is None
    write(tmp_path, "## Utvecklingsområden\n\n**Tema**\nText.\n", county="00")
    assert load_narrative(2013, "00", tmp_path).development_areas == [("Tema", "Text.")]
    with pytest.raises(KeyError):
        load_narrative(2013, "02", tmp_path)


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("## Sammanfatning\n", 1, "okänd rubrik ## 'Sammanfatning'. Menade du 'Sammanfattning'?"),
        ("# Stockholms län\n", 1, "okänd rubrik # 'Stockholms län'"),
        ("## Sammanfattning\n\n### Tema\n", 3, "okänd rubrik ### 'Tema'"),
        ("## Sammanfattning\n\nText utan tema.\n", 3, "ska börja med ett tema"),
        ("## Sammanfattning\n\n**Tema**\n\n**Nästa**\nText.\n", 3, "temat 'Tema' saknar text"),
        ("## Sammanfattning\n**A**\nText.\n## Sammanfattning\n", 4, "förekommer två gånger"),
        ("## Sammanfattning\n**  **\nText.\n", 2, "den feta rubriken är tom"),
    ],
)
def test_mistakes_name_file_and_line(tmp_path, text, line, fragment):
    write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_narrative(2013, "01", tmp_path)
    assert fragment in caught.value.message
    assert caught.value.row == line
    assert "01.md" in str(caught.value) and f"rad {line}" in str(caught.value)


def test_not_utf8_names_the_line(tmp_path):
    write(tmp_path, "## Sammanfattning\n\n**Tema**\nÖverenskommelser.\n".encode("cp1252"))
    with pytest.raises(InputError, match="UTF-8") as caught:
        load_narrative(2013, "01", tmp_path)
    assert caught.value.row == 4


def test_check_narratives_reports_every_file_and_misnamed_files(tmp_path):
    write(tmp_path, "## Sammanfatning\n", county="01")
    write(tmp_path, "## Sammanfattning\nText.\n**Tema**\n", county="03")
    (tmp_path / "2013" / "berattelse" / "stockholm.md").write_text("x", encoding="utf-8")
    (tmp_path / "2013" / "berattelse" / "99.md").write_text("x", encoding="utf-8")
    (tmp_path / "2013" / "berattelse" / ".gitkeep").write_text("", encoding="utf-8")
    problems = Problems(strict=False)
    check_narratives(tmp_path / "2013", problems)
    assert [(Path(e.file).name, e.row) for e in problems.errors] == [
        ("01.md", 1),
        ("03.md", 2),
        ("03.md", 3),
        ("99.md", None),
        ("stockholm.md", None),
    ]
    assert "okänt filnamn" in problems.errors[-1].message
