"""The codebook: what it reads, and that every mistake names file, line and key in Swedish."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from metabok import config
from metabok.errors import InputError
from metabok.survey.codebook import Problems, load_codebook, parse_codebook

from helpers import TINY_CODEBOOK


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "kodbok.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_tiny_codebook_is_read_in_order(tmp_path):
    path = write(tmp_path, TINY_CODEBOOK)
    before = path.read_bytes()
    codebook = load_codebook(path)
    assert path.read_bytes() == before
    assert (codebook.survey_name, codebook.year, codebook.form) == ("Testenkät", 2013, "meta")
    assert [q.id for q in codebook.questions] == [
        "overenskommelse",
        "samverkan_af",
        "hinder",
        "platser",
        "kommentar",
    ]
    assert codebook.columns() == [
        "overenskommelse",
        "samverkan_af",
        "hinder_bostadsbrist",
        "hinder_storlek",
        "platser",
        "kommentar",
    ]
    assert codebook.sections() == [
        ("Mottagande", ["Överenskommelser"]),
        ("Samverkan", [None]),
        ("Bosättning", ["Hinder", None]),
    ]
    assert [q.id for q in codebook.questions_in("Bosättning")] == ["hinder", "platser", "kommentar"]
    assert [q.id for q in codebook.questions_in("Bosättning", "Hinder")] == ["hinder", "platser"]
    assert [q.id for q in codebook.questions_in("Bosättning", None)] == ["kommentar"]
    assert codebook.matrices == {"samverkan": "Hur fungerar samverkan med följande aktörer?"}
    assert codebook.groups["bra"] == "ganska eller mycket bra"


def test_question_types_carry_their_options(tmp_path):
    codebook = load_codebook(write(tmp_path, TINY_CODEBOOK))
    yes_no = codebook.question("overenskommelse")
    assert yes_no.scale.name == "ja_nej"
    assert [o.label for o in yes_no.options] == ["Ja", "Nej"]
    scale = codebook.question("samverkan_af")
    assert [o.label for o in scale.options] == [
        "Mycket bra",
        "Ganska bra",
        "Ganska dåligt",
        "Mycket dåligt",
        "Vet ej",
    ]
    assert [o.code for o in scale.options][2] == "ganska_daligt"
    assert [o.group for o in scale.options] == ["bra", "bra", "dåligt", "dåligt", None]
    assert [o.neutral for o in scale.options] == [False, False, False, False, True]
    assert (scale.short, scale.matrix) == ("Arbetsförmedlingen", "samverkan")
    choice = codebook.question("hinder")
    assert choice.scale is None
    assert [(o.code, o.label) for o in choice.options] == [
        ("bostadsbrist", "Bostadsbrist"),
        ("storlek", "Brist på bostäder av rätt storlek"),
    ]
    assert codebook.question("platser").options == ()
    with pytest.raises(KeyError, match="ingen fråga"):
        codebook.question("finns_inte")


def test_short_scale_options_and_own_yes_no_scale(tmp_path):
    text = TINY_CODEBOOK.replace(
        "skalor:\n",
        "skalor:\n  ja_nej:\n    - Ja\n    - Nej\n    - Vet ej\n"
        "  kort:\n    - Bra\n    - {etikett: Dålig, kod: d}\n",
    )
    codebook = load_codebook(write(tmp_path, text))
    assert [o.label for o in codebook.question("overenskommelse").options] == ["Ja", "Nej", "Vet ej"]
    assert [(o.label, o.code) for o in codebook.scales["kort"].options] == [("Bra", "bra"), ("Dålig", "d")]


def test_the_example_in_data_readme_is_a_valid_codebook(tmp_path):
    readme = (config.DATA_DIR / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
    codebook = load_codebook(write(tmp_path, example))
    assert codebook.columns() == [
        "overenskommelse",
        "samverkan_andra_kommuner",
        "hinder_bosattning_bostadsbrist",
        "hinder_bosattning_storlek",
    ]


@pytest.mark.parametrize("year", [2013, 2021])
def test_the_shipped_codebooks_are_valid(year):
    path = config.SURVEY_DIR / str(year) / "kodbok.yml"
    if not path.is_file():
        pytest.skip(f"{path} finns inte ännu")
    codebook = load_codebook(path)
    assert codebook.year == year
    assert codebook.questions


def replace(old: str, new: str) -> str:
    assert old in TINY_CODEBOOK, old
    return TINY_CODEBOOK.replace(old, new, 1)


def line_of(text: str, fragment: str) -> int:
    return text[: text.index(fragment)].count("\n") + 1


# (case, codebook text, the line the error must name, a fragment of the message)
BAD_CODEBOOKS = [
    ("okänd typ", replace("typ: antal", "typ: antl"), "typ: antl", "okänd typ 'antl'. Menade du 'antal'?"),
    ("okänd skala", replace("skala: fungerar", "skala: fungerr"), "skala: fungerr", "okänd skala 'fungerr'"),
    (
        "dubbelt id",
        replace("id: platser", "id: hinder"),
        "- id: hinder\n    avsnitt: Bosättning\n    delavsnitt: Hinder\n    text: Hur",
        "förekommer två gånger",
    ),
    (
        "dubbelt alternativ",
        replace("{etikett: Mycket dåligt", "{etikett: ganska  DÅLIGT"),
        "ganska  DÅLIGT",
        "förekommer två gånger",
    ),
    (
        "okänd grupp",
        replace("grupp: dåligt}", "grupp: dalig}"),
        "grupp: dalig}",
        "gruppen 'dalig', som inte finns under 'grupper'",
    ),
    (
        "okänd matris",
        replace("matris: samverkan", "matris: samverkn"),
        "matris: samverkn",
        "matrisen 'samverkn' finns inte",
    ),
    (
        "flerval utan alternativ",
        replace(
            "    alternativ:\n      - {kod: bostadsbrist, etikett: Bostadsbrist}\n"
            "      - {kod: storlek, etikett: Brist på bostäder av rätt storlek}\n",
            "",
        ),
        "- id: hinder",
        "behöver 'alternativ'",
    ),
    (
        "felstavad nyckel",
        replace("delavsnitt: Överenskommelser", "delavsnit: Överenskommelser"),
        "delavsnit:",
        "okänd nyckel 'delavsnit'. Menade du 'delavsnitt'?",
    ),
    ("saknad text", replace("    text: Övriga kommentarer\n", ""), "- id: kommentar", "'text' saknas"),
    (
        "dubbel nyckel",
        replace("typ: antal", "typ: antal\n    typ: fritext"),
        "typ: fritext",
        "förekommer två gånger",
    ),
    (
        "YAML-fel",
        replace("text: Har kommunen en överenskommelse?", "text: [Har kommunen"),
        "typ: ja_nej",
        "inte giltig YAML",
    ),
    ("årtal", replace("ar: 2013", "ar: tjugotretton"), "ar: tjugo", "ska vara ett årtal"),
    ("form", replace("form: meta", "form: metta"), "form: metta", "okänd form 'metta'"),
    (
        "skala på fel typ",
        replace("typ: antal", "typ: antal\n    skala: fungerar"),
        "skala: fungerar\n  - id: kommentar",
        "'skala' gäller bara",
    ),
    ("kolumnkrock", replace("id: platser", "id: hinder_storlek"), "id: hinder_storlek", "redan ger"),
    ("reserverat namn", replace("id: platser", "id: Kommun"), "id: Kommun", "reserverat"),
    (
        "id med mellanslag",
        replace("id: platser", "id: antal platser"),
        "id: antal platser",
        "bara innehålla bokstäver",
    ),
    (
        "matris med olika skalor",
        replace("    typ: ja_nej\n", "    typ: ja_nej\n    matris: samverkan\n"),
        "- id: samverkan_af",
        "har skalan 'fungerar', men matrisen",
    ),
    (
        "label som boolean",
        replace("{etikett: Vet ej, neutral: true}", "{etikett: yes, neutral: true}"),
        "etikett: yes",
        "ska vara en text",
    ),
    ("neutral inte boolean", replace("neutral: true}", "neutral: ja}"), "neutral: ja}", "true eller false"),
]


@pytest.mark.parametrize(("case", "text", "at", "fragment"), BAD_CODEBOOKS, ids=[c[0] for c in BAD_CODEBOOKS])
def test_bad_codebook_names_file_line_and_key(tmp_path, case, text, at, fragment):
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_codebook(path)
    error = caught.value
    assert fragment in error.message
    assert error.row == line_of(text, at)
    assert "kodbok.yml" in str(error) and f"rad {error.row}" in str(error)


def test_not_utf8_names_the_line(tmp_path):
    path = tmp_path / "kodbok.yml"
    path.write_bytes(TINY_CODEBOOK.encode("cp1252"))
    with pytest.raises(InputError, match="UTF-8") as caught:
        load_codebook(path)
    assert caught.value.row == line_of(TINY_CODEBOOK, "Testenkät")


@pytest.mark.parametrize("text", ["", "   \n", "- bara\n- en lista\n"])
def test_empty_or_not_a_mapping(tmp_path, text):
    with pytest.raises(InputError, match="kodboken"):
        load_codebook(write(tmp_path, text))


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="saknas"):
        load_codebook(tmp_path / "kodbok.yml")


def test_collecting_reports_every_mistake(tmp_path):
    text = (
        replace("typ: antal", "typ: antl")
        .replace("skala: fungerar", "skala: fungerr")
        .replace("ar: 2013", "ar: x")
    )
    problems = Problems(strict=False)
    codebook = parse_codebook(write(tmp_path, text), problems)
    messages = [e.message for e in problems.errors]
    assert len(messages) == 3
    assert any("okänd typ 'antl'" in m for m in messages)
    assert any("okänd skala 'fungerr'" in m for m in messages)
    assert any("årtal" in m for m in messages)
    assert [q.id for q in codebook.questions] == ["overenskommelse", "hinder", "kommentar"]
