"""All paths and fixed settings of the book, in one place.

Paths are resolved from the project root (the folder holding this package),
never from the current working directory.
"""

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Tests (and an analyst trying a new year on a copy) may point the book at other folders.
DATA_DIR = Path(os.environ.get("METABOK_DATA_DIR", PROJECT_ROOT / "data")).resolve()
RAW_DIR = DATA_DIR / "raw"
SURVEY_DIR = DATA_DIR / "enkat"
REFERENCE_DIR = DATA_DIR / "referens"
PUBLICATION_FILE = DATA_DIR / "utgivning.yml"  # publisher, contact, publication date
NOTEBOOK_DIR = Path(os.environ.get("METABOK_NOTEBOOK_DIR", PROJECT_ROOT / "notebooks")).resolve()
BOOK_DIR = PROJECT_ROOT / "book"
BUILD_DIR = Path(os.environ.get("METABOK_BUILD_DIR", PROJECT_ROOT / "_build")).resolve()


def package_modules() -> list[Path]:
    """Every Python module of the package, sorted: the code the build's caches and stamps follow."""
    return sorted((PROJECT_ROOT / "metabok").rglob("*.py"))


KOMMUNER_DIR = RAW_DIR / "kommuner-lan"
KOLADA_DIR = RAW_DIR / "flyktingar-kolada-2010-2016-jensfinnas"
BOUNDARIES_DIR = RAW_DIR / "geo-kommun-lan-scb"

NATIONAL_CODE = "00"
NATIONAL_NAME = "Riket"

# A response rate below this share is too low to draw valid conclusions
# (the 2013 Stockholm chapter writes its caveat at 73 % and 62 %).
LOW_RESPONSE_RATE = 0.75
