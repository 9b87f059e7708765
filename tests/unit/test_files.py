"""The build's own file helpers: whole writes, and links instead of second copies of large files."""

import os

import pytest

from metabok import files


def test_a_link_shares_the_file_and_replacing_the_source_leaves_the_link_as_it_was(tmp_path):
    """The build links each printed PDF from its cache into the site: the cache entry is later
    replaced whole (write_atomic), and the site's name still holds what was printed before."""
    source, target = tmp_path / "kapitel.pdf", tmp_path / "site.pdf"
    source.write_bytes(b"%PDF first")
    files.link_or_copy(source, target)
    assert target.read_bytes() == b"%PDF first"
    assert os.stat(target).st_ino == os.stat(source).st_ino
    files.write_atomic(source, b"%PDF second")
    assert target.read_bytes() == b"%PDF first"


def test_where_no_link_can_be_made_the_file_is_copied(tmp_path, monkeypatch):
    def no_link(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    source, target = tmp_path / "kapitel.pdf", tmp_path / "site.pdf"
    source.write_bytes(b"%PDF")
    files.link_or_copy(source, target)
    assert target.read_bytes() == b"%PDF"
    assert os.stat(target).st_ino != os.stat(source).st_ino


def test_a_write_that_fails_leaves_the_old_file_whole(tmp_path, monkeypatch):
    target = tmp_path / "key"
    target.write_text("gammal")

    def full_disk(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        files.write_atomic(target, "ny")
    assert target.read_text() == "gammal"
    assert list(tmp_path.iterdir()) == [target]
