"""The published site's stamp: a build republishes when the data, the chapters or the code changed."""

from __future__ import annotations

from metabok import config
from metabok.build import pipeline


def test_the_stamp_covers_the_code_that_publishes_the_site():
    code = pipeline.site_code_files()
    for name in ("metabok/build/pdf.py", "metabok/build/theme_assets.py", "metabok/build/pipeline.py"):
        assert name in code
    assert "requirements.txt" in code
    assert all(path.is_file() for path in code.values())


def test_a_code_or_package_update_changes_the_stamp(tmp_path, monkeypatch):
    (tmp_path / "metabok" / "build").mkdir(parents=True)
    module = tmp_path / "metabok" / "build" / "pdf.py"
    module.write_text("MARGINS = 1\n")
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("jupyter-book==1.0.4\n")
    monkeypatch.setattr(config, "PROJECT_ROOT", tmp_path)
    files = {"_toc.yml": b"root: index\n"}

    first = pipeline.published_stamp(files, with_pdf=True)
    assert pipeline.published_stamp(files, with_pdf=True) == first
    module.write_text("MARGINS = 2\n")
    after_code = pipeline.published_stamp(files, with_pdf=True)
    requirements.write_text("jupyter-book==1.0.5\n")
    after_packages = pipeline.published_stamp(files, with_pdf=True)
    assert len({first, after_code, after_packages}) == 3
    assert pipeline.published_stamp(files, with_pdf=False) != after_packages
    assert pipeline.published_stamp({"_toc.yml": b"root: annan\n"}, with_pdf=True) != after_packages
