"""A chapter's publication furniture comes from data/utgivning.yml: publisher, contact, date and a
citation line; the technical particulars (files, hashes, code version) are folded in a details block."""

from __future__ import annotations

import pytest

from metabok import config
from metabok.build import provenance, site
from metabok.page import Page


def test_a_county_chapter_is_published_by_its_lansstyrelse():
    details = provenance.publication("14", "Västra Götalands län – META 2013")
    assert details.publisher == "Länsstyrelsen i Västra Götalands län"
    assert details.contact.endswith("www.lansstyrelsen.se/vastra-gotaland")
    assert details.citation.startswith("Länsstyrelsen i Västra Götalands län (2026). Västra Götalands län")


def test_riket_is_published_by_the_lansstyrelser_together():
    assert provenance.publication("00", "Riket – META 2013").publisher == "Länsstyrelserna"


def test_the_footer_folds_hashes_and_code_version_into_details():
    details = provenance.publication("01", "Stockholms län – META 2013")
    files = [config.KOMMUNER_DIR / "counties.csv"]
    text = provenance.footer(files, "2026-12-02", details, " Exempeldata skapas av scripts/x.py.")
    shown, folded = text.split('<details class="metabok-provenance">')
    assert "**Utgivare:** Länsstyrelsen i Stockholms län" in shown
    assert "**Citera som:**" in shown and "**Publicerad:** 2026-12-01" in shown
    assert "SHA-256" not in shown and "metabok " not in shown and "scripts/" not in shown
    assert "SHA-256" in folded and "Byggd 2026-12-02." in folded and "scripts/x.py" in folded
    assert folded.rstrip().endswith("</details>")


def test_text_from_the_publication_file_is_inert(tmp_path, monkeypatch):
    hostile = tmp_path / "utgivning.yml"
    hostile.write_text(
        "bok: '<script>alert(1)</script>'\npublicerad: 2026-12-01\n"
        "utgivare: {lan: '[klick](javascript:alert(1))', riket: R}\nkontakt: {lan: K, riket: K}\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(config, "PUBLICATION_FILE", hostile)
    details = Page.for_chapter(site.META, 2013, "01", "exempeldata")._publication()  # as the page shows it
    assert "<script>" not in details.citation and "\\<script\\>" in details.citation
    assert details.publisher.startswith("\\[klick\\]")  # no link can form


GOOD = (
    "bok: B\npublicerad: 2026-12-01\n"
    "utgivare: {lan: 'U {lan}', riket: R}\nkontakt: {lan: 'K/{webbnamn}', riket: K}\n"
)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (GOOD.encode(), []),
        (GOOD.replace("publicerad: 2026-12-01\n", "").encode(), ["publicerad: en text saknas"]),
        (GOOD.replace("2026-12-01", "igår").encode(), ["rad 2: publicerad: 'igår' är inte ett datum"]),
        (
            GOOD.replace("'U {lan}'", "'U {lan.__class__}'").encode(),
            ["rad 3: utgivare.lan: okänd platshållare"],
        ),
        (GOOD.replace("riket: K}", "}").encode(), ["rad 4: kontakt: texten för 'riket' saknas"]),
        (b"bok: [\n", ["rad 2: filen är inte giltig YAML"]),
        (b"- bok\n", ["filen ska ha nycklarna bok, publicerad"]),
        (b"a: &a [x, x]\nb: [*a, *a]\n", ["rad 2: filen använder alias"]),
        ("bok: Länsstyrelsen\n".encode("cp1252"), ["inte sparad som UTF-8"]),
    ],
    ids=[
        "giltig",
        "datum saknas",
        "inget datum",
        "okänd platshållare",
        "text saknas",
        "trasig",
        "lista",
        "alias",
        "cp1252",
    ],
)
def test_validate_names_what_is_wrong_in_the_publication_file(tmp_path, monkeypatch, content, expected):
    path = tmp_path / "utgivning.yml"
    path.write_bytes(content)
    monkeypatch.setattr(config, "PUBLICATION_FILE", path)
    found = [str(error) for error in provenance.publication_problems()]
    assert len(found) == len(expected), found
    for message, part in zip(found, expected, strict=True):
        assert message.startswith(f"fil {path}") and part in message, message


def test_a_placeholder_is_filled_only_by_name(tmp_path, monkeypatch):
    path = tmp_path / "utgivning.yml"
    path.write_text(GOOD, encoding="utf-8")
    monkeypatch.setattr(config, "PUBLICATION_FILE", path)
    details = provenance.publication("14", "T")
    assert (details.publisher, details.contact) == ("U Västra Götalands län", "K/vastra-gotaland")


def test_the_years_result_file_read_from_the_frame_cache_is_the_same_bytes(tmp_path, monkeypatch):
    """A year's results for download are computed once and kept in the frame cache (Parquet) until
    the answers change: read back, they make the same CSV, byte for byte, as computed."""
    from metabok import export, frames
    from metabok.build import publications
    from metabok.survey.aggregate import tidy_results
    from metabok.survey.responses import load_survey

    monkeypatch.setattr(frames, "FRAMES_DIR", tmp_path)
    survey = load_survey(2013)
    computed = export.with_status(tidy_results(survey)[publications.META_RESULT_COLUMNS], survey.status)
    first = publications.meta_results(2013)
    assert len(list(tmp_path.glob("resultat-2013-*.parquet"))) == 1
    again = publications.meta_results(2013)
    expected = publications.csv_bytes(computed)
    assert publications.csv_bytes(first) == expected
    assert publications.csv_bytes(again) == expected
    assert again.dtypes.equals(computed.dtypes)
