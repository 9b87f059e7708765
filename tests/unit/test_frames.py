"""The frame cache: a parsed input is kept on disk, keyed on the input files' bytes and the code."""

from __future__ import annotations

import pandas as pd

from metabok import frames


def parser(source, calls):
    def parse() -> pd.DataFrame:
        calls.append(source.read_text(encoding="utf-8"))
        return pd.DataFrame({"text": [calls[-1]]})

    return parse


def test_a_frame_is_parsed_once_and_again_when_its_input_changes(monkeypatch, tmp_path):
    monkeypatch.setattr(frames, "FRAMES_DIR", tmp_path / "frames")
    source = tmp_path / "svar.csv"
    source.write_text("före", encoding="utf-8")
    calls: list[str] = []
    assert frames.cached_frame("svar", [source], parser(source, calls))["text"].tolist() == ["före"]
    assert frames.cached_frame("svar", [source], parser(source, calls))["text"].tolist() == ["före"]
    assert calls == ["före"]
    source.write_text("efter", encoding="utf-8")
    assert frames.cached_frame("svar", [source], parser(source, calls))["text"].tolist() == ["efter"]
    assert calls == ["före", "efter"]


def test_a_file_saved_while_it_is_parsed_leaves_no_frame_under_its_old_key(monkeypatch, tmp_path):
    monkeypatch.setattr(frames, "FRAMES_DIR", tmp_path / "frames")
    source = tmp_path / "svar.csv"
    source.write_text("före", encoding="utf-8")

    def saved_while_parsing() -> pd.DataFrame:
        source.write_text("efter", encoding="utf-8")
        return pd.DataFrame({"text": ["efter"]})

    frames.cached_frame("svar", [source], saved_while_parsing)
    assert not (tmp_path / "frames").exists() or not any((tmp_path / "frames").iterdir())
    source.write_text("före", encoding="utf-8")
    calls: list[str] = []
    assert frames.cached_frame("svar", [source], parser(source, calls))["text"].tolist() == ["före"]
    assert calls == ["före"], "the old content is parsed, not answered with the new content's frame"
