"""The record of what a chapter read: files opened and folders listed under data/, modules imported."""

from __future__ import annotations

import os
from pathlib import Path

from metabok import config
from metabok.build import observe


def test_reads_and_listings_under_data_are_recorded_and_writes_are_not(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    monkeypatch.setattr(observe, "_observed", observe.Observed())
    (tmp_path / "enkat").mkdir()
    answers = tmp_path / "enkat" / "svar.csv"
    answers.write_text("a\n", encoding="utf-8")
    outside = tmp_path.parent / f"{tmp_path.name}-utanfor.txt"
    outside.write_text("x", encoding="utf-8")
    observe.start()
    answers.read_text(encoding="utf-8")
    outside.read_text(encoding="utf-8")
    os.listdir(tmp_path / "enkat")
    (tmp_path / "enkat" / "skriven.txt").write_text("y", encoding="utf-8")
    record = observe.record()
    assert set(record["files"]) == {"enkat/svar.csv"}
    assert set(record["folders"]) == {"enkat"}
    assert "metabok/build/observe.py" in record["code"]
    assert observe.data_files() == [answers]


def test_a_record_is_stale_when_a_file_changes_or_a_folder_gains_a_file(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    monkeypatch.setattr(observe, "_observed", observe.Observed({"a.md"}, {"."}))
    (tmp_path / "a.md").write_text("före", encoding="utf-8")
    saved = observe.record()
    assert observe.unchanged(saved)
    (tmp_path / "a.md").write_text("efter", encoding="utf-8")
    assert not observe.unchanged(saved)
    (tmp_path / "a.md").write_text("före", encoding="utf-8")
    assert observe.unchanged(saved)
    (tmp_path / "b.md").write_text("ny", encoding="utf-8")
    assert not observe.unchanged(saved), "a file added beside it changes the folder's listing"
    (tmp_path / "b.md").unlink()
    (tmp_path / "a.md").unlink()
    assert not observe.unchanged(saved), "a file that was read and is gone"


def test_a_file_looked_for_and_not_found_makes_the_record_stale_when_it_appears(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    monkeypatch.setattr(observe, "_observed", observe.Observed())
    (tmp_path / "01.md").write_text("granne", encoding="utf-8")
    assert not observe.is_file(tmp_path / "03.md")
    saved = observe.record()
    assert saved["probes"] == {"03.md": "absent"} and saved["folders"] == {}
    (tmp_path / "02.md").write_text("en annan läns text", encoding="utf-8")
    assert observe.unchanged(saved), "another county's new file is not this chapter's input"
    (tmp_path / "03.md").write_text("ny", encoding="utf-8")
    assert not observe.unchanged(saved)


def test_a_file_saved_while_a_chapter_runs_is_recorded_as_it_was_when_the_build_began(monkeypatch, tmp_path):
    """An analyst saves a narrative while its chapter runs: the record keeps the digest of the content
    the chapter could have read (the build's snapshot), so the next build runs the chapter again."""
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    monkeypatch.setattr(observe, "_observed", observe.Observed())
    narrative = tmp_path / "03.md"
    narrative.write_text("före", encoding="utf-8")
    taken = observe.snapshot()
    assert taken["files"] == {"03.md": observe.file_digest(narrative)}
    assert "metabok/build/observe.py" in taken["code"]
    observe.start()
    narrative.read_text(encoding="utf-8")
    narrative.write_text("efter", encoding="utf-8")
    assert not observe.is_file(tmp_path / "01.md")
    saved = observe.record(taken)
    assert saved["files"]["03.md"] == taken["files"]["03.md"] != observe.file_digest(narrative)
    assert saved["probes"] == {"01.md": "absent"}
    assert observe.unchanged(saved, taken)
    assert not observe.unchanged(saved, observe.snapshot()), "the next build runs the chapter again"
    assert not observe.unchanged(saved)


def test_the_snapshot_reads_no_pipe(monkeypatch, tmp_path):
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    (tmp_path / "svar.csv").write_text("a\n", encoding="utf-8")
    os.mkfifo(tmp_path / "ror")
    taken = observe.snapshot()
    assert set(taken["files"]) == {"svar.csv"} and set(taken["folders"]) == {"."}


def test_an_unreadable_file_no_chapter_reads_does_not_stop_the_snapshot(monkeypatch, tmp_path):
    """A file the build has no access to (another user's Excel lock file, say) is left out, as before the
    snapshot: only a chapter that reads it fails, with its own message."""
    monkeypatch.setattr(config, "DATA_DIR", tmp_path)
    (tmp_path / "svar.csv").write_text("a\n", encoding="utf-8")
    locked = tmp_path / "~$svar.xlsx"
    locked.write_text("låst", encoding="utf-8")
    read_bytes = Path.read_bytes

    def refused(path: Path) -> bytes:
        if path == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return read_bytes(path)

    monkeypatch.setattr(Path, "read_bytes", refused)
    assert set(observe.snapshot()["files"]) == {"svar.csv"}
