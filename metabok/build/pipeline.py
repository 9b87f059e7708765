"""`python -m metabok build`: from data/ to the finished site in _build/html.

Phases (timed in the report): validate every input; aggregate (parse each survey year once into the
frame cache); execute the chapters that are not up to date, in parallel, one kernel per worker made as
new before each chapter (metabok/build/fresh_kernel.py; a chapter is up to date when its template,
parameters and everything it read last time are unchanged: metabok/build/observe.py);
collect the jupyter-book source (only files whose content changed are rewritten, so Sphinx rebuilds
incrementally); run jupyter-book with warnings as errors; print every chapter as a PDF into the new
site (metabok/build/pdf.py; only changed pages are printed again; `--no-pdf` skips this and drops
the pages' PDF links); publish the new site in place of
the old only when all of that succeeded, with the theme's stylesheets and icon font trimmed to what
the site uses (metabok/build/theme_assets.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import yaml
from tqdm import tqdm

from metabok import config
from metabok.build import (
    county_map,
    execution,
    kommunsok,
    observe,
    pdf,
    provenance,
    publications,
    site,
    theme_assets,
    validation,
)
from metabok.build.execution import (
    OBSERVE_TAG,
    ChapterFailed,
    execute,
    fresh_cell,
    postprocess,
    worker_kernel,
)
from metabok.files import os_error_text, write_atomic
from metabok.meta import matching
from metabok.survey.responses import load_survey

CACHE_DIR = config.BUILD_DIR / "cache"
SITE_SRC = config.BUILD_DIR / "site-src"
SITE_OUT = SITE_SRC / "_build" / "html"
PUBLISHED = config.BUILD_DIR / "html"
PUBLISHED_STAMP = config.BUILD_DIR / "html.sha256"

HAND_WRITTEN = ("_config.yml",)
HAND_WRITTEN_DIRS = ("book",)
GENERATED_BOOK_DIR = "book/kapitel"
# The packages the build runs (Jupyter Book, its theme, Playwright), pinned: with the package's own code
# a part of the published site's stamp.
REQUIREMENTS = "requirements.txt"  # in the project root
# Sphinx does not notice a change to the book's own extension; every page is then written anew.
SPHINX_EXTENSION_DIR = "book/_ext"
SPHINX_EXTENSION_STAMP = SITE_SRC / "_build" / "extension.sha256"


class BuildFailed(Exception):
    """The build stopped; the last good site is untouched."""


@dataclass
class Options:
    years: list[int] | None = None
    counties: list[str] | None = None
    jobs: int = field(default_factory=lambda: os.cpu_count() or 1)
    force: bool = False
    quiet: bool = False
    pdf: bool = True  # False: no PDFs, and the pages lose their PDF link (a quicker trial build)
    build_date: str = field(default_factory=provenance.build_date)  # what the pages say


@dataclass
class Report:
    executed: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    site_rebuilt: bool = False
    pdfs_printed: list[str] = field(default_factory=list)
    phases: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Time one step of the build (the benchmark prints them)."""
        started = time.perf_counter()
        try:
            yield
        finally:
            self.phases[name] = round(self.phases.get(name, 0) + time.perf_counter() - started, 2)


RECORD = "record.json"
# What data/ and the package held when the build's chapters started: their records' digests.
INPUTS_SNAPSHOT = CACHE_DIR / "inputs.json"


def chapter_key(chapter: site.Chapter) -> str:
    """Hash of what a chapter is asked to do: its template, its parameters and the code that turns the
    executed notebook into the cached page. What it read while doing it (data, folders, modules) is
    in its observed record (metabok/build/observe.py)."""
    digest = hashlib.sha256(chapter.template.read_bytes())
    digest.update(json.dumps(chapter.parameters(), sort_keys=True).encode())
    digest.update(Path(execution.__file__).read_bytes())
    return digest.hexdigest()


def cache_dir(chapter: site.Chapter) -> Path:
    return CACHE_DIR / chapter.docname.removeprefix("book/kapitel/")


def is_cached(chapter: site.Chapter, key: str, taken: dict) -> bool:
    """True when the chapter ran with this key and nothing it read or imported has changed since (as
    the snapshot `taken` shows)."""
    folder = cache_dir(chapter)
    try:
        if (folder / "key").read_text() != key or not (folder / "chapter.ipynb").is_file():
            return False
        record = json.loads((folder / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return observe.unchanged(record, taken)


def observed_notebook(template: Path, record: Path) -> nbformat.NotebookNode:
    """The template between two hidden cells (dropped from the page): the first makes a reused kernel
    as new (metabok/build/fresh_kernel.py), the last saves what the chapter read."""
    notebook = nbformat.read(template, as_version=4)
    save = nbformat.v4.new_code_cell(
        f"from metabok.build import observe\nobserve.save({str(record)!r}, {str(INPUTS_SNAPSHOT)!r})",
        metadata={"tags": [OBSERVE_TAG]},
    )
    notebook.cells = [fresh_cell(), *notebook.cells, save]
    return notebook


def run_chapter(chapter: site.Chapter, key: str, build_date: str) -> tuple[float, list[str]]:
    """Execute one chapter into the cache (worker process); returns seconds and warnings.
    The cache entry is written in a work folder and renamed into place whole, so a failed or
    interrupted run never leaves an entry a later build would trust."""
    started = time.perf_counter()
    target = cache_dir(chapter)
    work = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    parameters = {**chapter.parameters(), "download_dir": str(work / "files"), "build_date": build_date}
    try:
        notebook = observed_notebook(chapter.template, work / RECORD)
        execute(notebook, work / "executed.ipynb", parameters, chapter.label, kernel=worker_kernel())
        notebook, warnings = postprocess(nbformat.read(work / "executed.ipynb", as_version=4))
        nbformat.write(notebook, work / "chapter.ipynb")
        (work / "executed.ipynb").unlink()
        (work / "key").write_text(key)
        shutil.rmtree(target, ignore_errors=True)
        work.rename(target)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return time.perf_counter() - started, [f"{chapter.label}: {w}" for w in warnings]


def execute_chapters(chapters: list[site.Chapter], options: Options, report: Report) -> None:
    """Run every stale chapter in parallel; collect all failures, then fail loudly."""
    keys = {c: chapter_key(c) for c in chapters}
    taken = observe.snapshot()
    stale = [c for c in chapters if options.force or not is_cached(c, keys[c], taken)]
    report.cached = [c.label for c in chapters if c not in stale]
    if not stale:
        return
    INPUTS_SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(INPUTS_SNAPSHOT, json.dumps(taken))
    failures = []
    with (
        ProcessPoolExecutor(max_workers=max(1, options.jobs)) as pool,
        tqdm(total=len(stale), desc="Kapitel", unit="kap", disable=options.quiet, file=sys.stderr) as bar,
    ):
        futures = {pool.submit(run_chapter, c, keys[c], options.build_date): c for c in stale}
        for future in as_completed(futures):
            chapter = futures[future]
            try:
                seconds, warnings = future.result()
                report.executed.append(chapter.label)
                report.seconds[chapter.label] = seconds
                report.warnings += warnings
            except ChapterFailed as error:
                failures.append(str(error))
            except OSError as error:  # the machine failed: said in Swedish, with the file
                failures.append(f"{chapter.label}: {os_error_text(error)}")
            except Exception as error:  # noqa: BLE001 - every failure is reported with its chapter
                failures.append(f"{chapter.label}: {type(error).__name__}: {error}")
            bar.update()
    if failures:
        raise BuildFailed(
            "Kapitel som inte gick att köra:\n" + "\n".join(f"  - {f}" for f in sorted(failures))
        )


def desired_site_files(chapters: list[site.Chapter]) -> dict[str, bytes | Path]:
    """Every file of the jupyter-book source, by path relative to SITE_SRC."""
    files: dict[str, bytes | Path] = {}
    for name in HAND_WRITTEN:
        files[name] = config.PROJECT_ROOT / name
    for folder in HAND_WRITTEN_DIRS:
        for path in sorted((config.PROJECT_ROOT / folder).rglob("*")):
            relative = path.relative_to(config.PROJECT_ROOT).as_posix()
            if path.is_file() and not relative.startswith(GENERATED_BOOK_DIR):
                files[relative] = path
    files["_toc.yml"] = toc_text(chapters).encode()
    files[site.LANDING_LIST] = site.landing_list(chapters).encode()
    files[site.LANDING_MAP] = county_map.county_map(chapters).encode()
    files[f"{site.FIND_PAGE}.md"] = kommunsok.page_markdown(chapters).encode()
    for chapter in chapters:
        cached = cache_dir(chapter)
        files[f"{chapter.docname}.ipynb"] = cached / "chapter.ipynb"
        for download in sorted((cached / "files").glob("*")):
            files[f"_extra/{chapter.download_path}/{download.name}"] = download
    for name, content in publications.site_downloads(chapters).items():
        files[f"_extra/{name}"] = content
    files[publications.VEGA_BUNDLE_PATH] = publications.vega_bundle()
    files["_extra/.nojekyll"] = b""
    files["_extra/index.html"] = site.ROOT_PAGE.encode()
    return files


def toc_text(chapters: list[site.Chapter]) -> str:
    header = "# Genereras av `python -m metabok build` ur data/ – ändra inte för hand.\n"
    return header + yaml.safe_dump(site.table_of_contents(chapters), allow_unicode=True, sort_keys=False)


def sync_site_source(files: dict[str, bytes | Path]) -> bool:
    """Make SITE_SRC hold exactly `files`, rewriting only what changed; True if anything did."""
    changed = False
    for relative, source in files.items():
        content = source if isinstance(source, bytes) else source.read_bytes()
        target = SITE_SRC / relative
        if target.is_file() and target.read_bytes() == content:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        changed = True
    for path in sorted(SITE_SRC.rglob("*"), reverse=True):
        relative = path.relative_to(SITE_SRC).as_posix()
        if relative.startswith("_build") or relative in files:
            continue
        if path.is_file():
            path.unlink()
            changed = True
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return changed


def run_jupyter_book(quiet: bool, extension: str) -> None:
    """jupyter-book 1.x with warnings as errors; its output is shown only on failure. Every page is
    written anew when the book's Sphinx extension (digest `extension`) changed since the last run."""
    command = [
        str(Path(sys.executable).parent / "jupyter-book"),
        "build",
        str(SITE_SRC),
        "-W",
        "-n",
        "--keep-going",
    ]
    stamp = SPHINX_EXTENSION_STAMP.read_text() if SPHINX_EXTENSION_STAMP.is_file() else ""
    if stamp != extension:
        command.append("--all")
    result = subprocess.run(command, capture_output=True, text=True, cwd=SITE_SRC)
    if result.returncode != 0:
        log = (result.stdout + result.stderr).strip().splitlines()
        raise BuildFailed("Jupyter Book avbröt bygget:\n" + "\n".join(log[-40:]))
    SPHINX_EXTENSION_STAMP.write_text(extension)
    if not quiet:
        print("Jupyter Book: webbplatsen byggd.", file=sys.stderr)


def copy_static_files() -> None:
    """Copy the static files into the built site. Sphinx copies them only when some page is
    out of date, so a change to a stylesheet alone would otherwise never be published."""
    for folder in ("_static", "book/_static"):
        for source in sorted((SITE_SRC / folder).rglob("*")):
            target = SITE_OUT / "_static" / source.relative_to(SITE_SRC / folder)
            if source.is_file() and (not target.is_file() or target.read_bytes() != source.read_bytes()):
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)


def site_code_files() -> dict[str, Path]:
    """What makes the published site out of the collected files (Jupyter Book run, PDFs, trimmed theme,
    publishing): the package's modules and the pinned packages, by path relative to the project. With an
    updated META-boken the site is built again, even when the data and chapters are unchanged."""
    root = config.PROJECT_ROOT
    return {p.relative_to(root).as_posix(): p for p in [*config.package_modules(), root / REQUIREMENTS]}


def site_stamp(files: dict[str, bytes | Path]) -> str:
    digest = hashlib.sha256()
    for relative in sorted(files):
        source = files[relative]
        digest.update(relative.encode())
        digest.update(hashlib.sha256(source if isinstance(source, bytes) else source.read_bytes()).digest())
    return digest.hexdigest()


def published_stamp(files: dict[str, bytes | Path], with_pdf: bool) -> str:
    """What the published site is made of: the collected files, the code that publishes them, and
    whether it has PDFs. An equal stamp means the published site is up to date."""
    code = {f"kod/{name}": path for name, path in site_code_files().items()}
    return site_stamp({**files, **code}) + ("" if with_pdf else "-utan-pdf")


def print_pdfs(chapters: list[site.Chapter], options: Options, report: Report) -> None:
    """Every chapter as a PDF in the new site (SITE_OUT/pdf); a failure stops the build."""
    try:
        printed = pdf.print_chapters(chapters, SITE_OUT, jobs=options.jobs, quiet=options.quiet)
    except pdf.PdfFailed as error:
        raise BuildFailed(str(error)) from None
    report.pdfs_printed = printed.printed


def publish(chapters: list[site.Chapter], with_pdf: bool) -> None:
    """Replace _build/html by the new site in one step (a failed build never gets here); the
    published copy has the theme's stylesheets and icon font trimmed (theme_assets), and without
    PDFs neither the PDFs of an earlier build nor the pages' links to them."""
    fresh = PUBLISHED.with_name("html.new")
    old = PUBLISHED.with_name("html.old")
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(SITE_OUT, fresh)
    if not with_pdf:
        pdf.remove_pdfs(chapters, fresh)
    theme_assets.slim(fresh)
    if PUBLISHED.exists():
        PUBLISHED.rename(old)
    fresh.rename(PUBLISHED)
    shutil.rmtree(old, ignore_errors=True)


def aggregate(chapters: list[site.Chapter]) -> None:
    """Parse each survey year the chapters read (and the year before, which the comparison reads)
    once, into the frame cache, so the chapters' kernels read the parsed answers."""
    years = {c.year for c in chapters if c.kind == site.META}
    years |= {p for y in years if (p := matching.previous_year(y)) is not None}
    for year in sorted(years):
        load_survey(year)


def build(options: Options) -> Report:
    """The whole build; raises InputError(s) or BuildFailed, leaving the last site as it was."""
    report = Report()
    with report.phase("validate"):
        validation.validate_all(options.years)
    chapters = site.chapters(years=options.years, counties=options.counties)
    if not chapters:
        raise BuildFailed("Det finns inga kapitel att bygga för de valda åren och länen.")
    with report.phase("aggregate"):
        aggregate(chapters)
    with report.phase("execute"):
        execute_chapters(chapters, options, report)
    with report.phase("collect"):
        files = desired_site_files(chapters)
        stamp = published_stamp(files, options.pdf)
    if not options.years and not options.counties and config.DATA_DIR == config.PROJECT_ROOT / "data":
        # The project's own _toc.yml shows the whole book as built from the shipped data.
        (config.PROJECT_ROOT / "_toc.yml").write_text(toc_text(chapters), encoding="utf-8")
    if PUBLISHED.is_dir() and PUBLISHED_STAMP.is_file() and PUBLISHED_STAMP.read_text() == stamp:
        return report
    with report.phase("jupyter_book"):
        sync_site_source(files)
        extension = {r: f for r, f in files.items() if r.startswith(SPHINX_EXTENSION_DIR + "/")}
        run_jupyter_book(options.quiet, site_stamp(extension))
        copy_static_files()
    if options.pdf:
        with report.phase("pdf"):
            print_pdfs(chapters, options, report)
    with report.phase("publish"):
        publish(chapters, options.pdf)
        PUBLISHED_STAMP.write_text(stamp)
    report.site_rebuilt = True
    return report
