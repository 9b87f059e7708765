"""The command line: `python -m metabok build | validate | new-year <år>`."""

from __future__ import annotations

import argparse
import os
import sys
import traceback

from metabok.errors import InputError, InputErrors
from metabok.files import os_error_text


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m metabok", description="META-boken: bygg och kontrollera boken."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    build = commands.add_parser("build", help="bygg hela webbplatsen i _build/html")
    build.add_argument("--year", type=int, action="append", help="bygg bara detta år (kan upprepas)")
    build.add_argument("--county", action="append", help="bygg bara detta län, t.ex. 01 (00 = riket)")
    build.add_argument(
        "--jobs", type=int, default=os.cpu_count() or 1, help="antal kapitel som körs samtidigt"
    )
    build.add_argument("--force", action="store_true", help="kör om alla kapitel, även oförändrade")
    build.add_argument("--quiet", action="store_true", help="skriv bara ut fel")
    build.add_argument(
        "--no-pdf",
        action="store_true",
        help="skriv inte ut kapitlen som PDF (snabbare när du provar; sidorna får då ingen PDF-länk)",
    )

    commands.add_parser(
        "validate", help="kontrollera alla indata för alla år utan att bygga; skriver en rapport per fil"
    )

    new_year = commands.add_parser(
        "new-year", help="skapa mappen data/enkat/<år>/ för ett nytt enkätår, med en checklista"
    )
    new_year.add_argument("ar", metavar="år", help="enkätåret med fyra siffror, till exempel 2022")
    return parser.parse_args(argv)


def print_input_errors(errors: list[InputError]) -> None:
    print(f"Fel i indata ({len(errors)}):", file=sys.stderr)
    for error in errors:
        print(f"  - {error}", file=sys.stderr)
    print("Ingenting byggdes; den senast byggda webbplatsen är orörd.", file=sys.stderr)


def run_build(args: argparse.Namespace) -> int:
    from metabok.build.pipeline import BuildFailed, Options, build

    options = Options(
        years=args.year,
        counties=args.county,
        jobs=args.jobs,
        force=args.force,
        quiet=args.quiet,
        pdf=not args.no_pdf,
    )
    try:
        report = build(options)
    except BuildFailed as error:
        print(f"Bygget misslyckades.\n{error}\nDen senast byggda webbplatsen är orörd.", file=sys.stderr)
        return 1
    if not args.quiet:
        print(
            f"Klart: {len(report.executed)} kapitel kördes, {len(report.cached)} oförändrade återanvändes; "
            f"webbplatsen {'byggdes om' if report.site_rebuilt else 'var redan aktuell'} (_build/html)"
            + (f"; {len(report.pdfs_printed)} PDF skrevs ut." if report.pdfs_printed else ".")
            + ("" if options.pdf else " Inga PDF (--no-pdf): sidorna saknar PDF-länken.")
        )
        for warning in report.warnings:
            print(f"Varning: {warning}", file=sys.stderr)
    return 0


def run_validate() -> int:
    """Print the report for every input file; 1 when any file has an error (warnings are fine)."""
    from metabok.build.validation import validation_report

    report = validation_report()
    print(report.text())
    if report.errors:
        print(f"Fel i indata: {len(report.errors)} (se rapporten ovan).", file=sys.stderr)
        return 1
    return 0


def run_new_year(args: argparse.Namespace) -> int:
    from metabok.survey.newyear import NewYearRefused, run

    try:
        print(run(args.ar))
    except NewYearRefused as refused:
        print(f"new-year: {refused}", file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        if args.command == "build":
            return run_build(args)
        if args.command == "new-year":
            return run_new_year(args)
        return run_validate()
    except InputErrors as errors:
        print_input_errors(errors.errors)
    except InputError as error:
        print_input_errors([error])
    except OSError as error:  # the machine failed (full disk, file-size limit), not the input
        if os.environ.get("METABOK_DEBUG"):
            traceback.print_exc()
        print(f"{os_error_text(error)}\nDen senast byggda webbplatsen är orörd.", file=sys.stderr)
    except Exception as error:  # noqa: BLE001 - the analyst gets a message, not a traceback
        if os.environ.get("METABOK_DEBUG"):
            traceback.print_exc()
        print(
            f"Oväntat fel: {type(error).__name__}: {error}\n"
            "Kör igen med METABOK_DEBUG=1 för detaljer. Den senast byggda webbplatsen är orörd.",
            file=sys.stderr,
        )
    return 1
