"""Good examples by kommun and theme, transcribed from Bilaga 1 of seed 003 (November 2014).

data/referens/goda_exempel_2014.csv has one row per kommun and example. Examples that the
report attributes to a län or region rather than a kommun have an empty kommun and kommunkod
and only a lanskod (for example 'Regional överenskommelse: Dalarna').
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd

from metabok.config import NATIONAL_CODE, REFERENCE_DIR
from metabok.errors import InputError
from metabok.sources.geography import county_codes, municipalities, municipality_code
from metabok.survey.codebook import suggestion
from metabok.text import quoted

GOOD_EXAMPLES_FILE = REFERENCE_DIR / "goda_exempel_2014.csv"
COLUMNS = ["kommun", "kommunkod", "lanskod", "tema", "beskrivning", "kalla"]
THEMES = (  # the report's own headings, in its order
    "Bostäder",
    "Ökat mottagande",
    "Regional samverkan",
    "Kvalitet i verksamhet och insatser",
    "Attityder i samhället",
)


@cache
def _load(path: Path) -> pd.DataFrame:
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError("filen är inte UTF-8-kodad; spara den som UTF-8", file=path) from error
    except (OSError, pd.errors.ParserError, pd.errors.EmptyDataError) as error:
        problem = f"filen kan inte läsas som en CSV-fil ({type(error).__name__})"
        raise InputError(problem, file=path) from error
    if list(frame.columns) != COLUMNS:
        raise InputError(f"kolumnerna är {list(frame.columns)}, väntade {COLUMNS}", file=path, row=1)
    for index, row in frame.iterrows():
        line = int(index) + 2

        def error(message: str, column: str, line: int = line) -> InputError:
            return InputError(message, file=path, row=line, column=column)

        if row["kommun"]:
            code = municipality_code(row["kommun"])
            if code is None:
                names = municipalities()["kommun"].tolist()
                raise error(
                    f"{quoted(row['kommun'])} är inte namnet på en kommun.{suggestion(row['kommun'], names)}",
                    "kommun",
                )
            if row["kommunkod"] != code:
                raise error(f"{row['kommun']} har kommunkod {code}, inte {row['kommunkod']!r}", "kommunkod")
            if row["lanskod"] != code[:2]:
                raise error(f"{row['kommun']} ligger i län {code[:2]}, inte {row['lanskod']!r}", "lanskod")
        elif row["kommunkod"]:
            raise error("kommunkod utan kommun", "kommunkod")
        elif row["lanskod"] not in county_codes():
            raise error(f"{row['lanskod']!r} är ingen länskod", "lanskod")
        if row["tema"] not in THEMES:
            raise error(f"temat {row['tema']!r} finns inte i Bilaga 1", "tema")
        for column in ("beskrivning", "kalla"):
            if not row[column].strip():
                raise error("cellen är tom", column)
    return frame


def all_good_examples() -> pd.DataFrame:
    """Every example of the file, checked (what `validate` reads)."""
    return _load(GOOD_EXAMPLES_FILE)


def good_examples(county_code: str, path: Path = GOOD_EXAMPLES_FILE) -> pd.DataFrame:
    """The examples of one län (kommun and län rows), or all for '00', in the report's order."""
    frame = _load(Path(path))
    if county_code != NATIONAL_CODE:
        if county_code not in county_codes():
            raise KeyError(f"okänd länskod {county_code!r}")
        frame = frame[frame["lanskod"] == county_code]
    return frame.reset_index(drop=True)
