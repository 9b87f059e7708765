"""Write the synthetic example answer files (exempeldata) for 2013 and 2021.

    .venv/bin/python scripts/generate_example_data.py

Writes data/enkat/<år>/svar/<länskod>_<län>_exempeldata.xlsx, the same bytes on every run, and
checks them against data/referens/meta_2013_stockholm_publicerat.csv. See metabok/generator.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from example_data import generator  # noqa: E402
from metabok.errors import display_path  # noqa: E402


def main() -> int:
    for year in generator.YEARS:
        paths = generator.write_year(year)
        folder = display_path(paths[0].parent)
        print(
            f"{year}: {len(paths)} filer med exempeldata i {folder} ({generator.RESPONDENTS[year]} kommuner)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
