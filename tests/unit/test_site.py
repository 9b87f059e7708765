"""The site model: chapters, their inputs and the generated table of contents."""

from metabok import config
from metabok.build import site


def test_every_survey_year_has_a_national_and_21_county_chapters():
    chapters = site.chapters(kinds=(site.META,))
    for year in site.survey_years():
        in_year = [c for c in chapters if c.year == year]
        assert len(in_year) == 22
        assert in_year[0].county == config.NATIONAL_CODE


def test_docnames_are_unique_and_readable():
    chapters = site.chapters()
    docnames = [c.docname for c in chapters]
    assert len(set(docnames)) == len(docnames)
    assert site.Chapter(site.META, 2013, "14").docname == "book/kapitel/meta/2013/14-vastra-gotaland"
    assert site.Chapter(site.RECEPTION, 2018, "00").docname == "book/kapitel/mottagande/2018/00-riket"


def test_toc_nests_counties_under_the_national_chapter():
    chapters = [site.Chapter(site.META, 2021, c) for c in ("00", "01", "03")]
    toc = site.table_of_contents(chapters)
    assert toc["root"] == "book/index"
    part = toc["parts"][0]
    assert part["caption"] == "Lägesbilder 2021"
    assert part["chapters"][0]["file"].endswith("00-riket")
    assert [s["file"].rsplit("/", 1)[1] for s in part["chapters"][0]["sections"]] == [
        "01-stockholm",
        "03-uppsala",
    ]
    assert toc["parts"][-1]["caption"] == "Om boken"


def test_new_year_appears_by_itself(tmp_path, monkeypatch):
    for year in (2013, 2022):
        (tmp_path / str(year)).mkdir()
        (tmp_path / str(year) / "kodbok.yml").write_text(f"enkat: Enkät {year}\n", encoding="utf-8")
    (tmp_path / "2020").mkdir()  # no codebook: not a survey year
    monkeypatch.setattr(config, "SURVEY_DIR", tmp_path)
    assert site.survey_years() == [2013, 2022]
    captions = [p["caption"] for p in site.table_of_contents(site.chapters(kinds=(site.META,)))["parts"]]
    assert captions[:2] == ["Enkät 2022", "Enkät 2013"]


def test_committed_toc_is_the_one_the_site_model_generates():
    from metabok.build.pipeline import toc_text

    assert (config.PROJECT_ROOT / "_toc.yml").read_text(encoding="utf-8") == toc_text(site.chapters())
