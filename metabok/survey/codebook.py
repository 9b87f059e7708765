"""The codebook (kodbok.yml): the questions of a survey year, their sections, type and answers.

Every problem is an InputError naming the file, the YAML line (as `row`) and the key.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Hashable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from types import EllipsisType

import yaml

from metabok.errors import InputError
from metabok.text import nfc, quoted, unusual_note

QUESTION_TYPES = ("ja_nej", "skala", "flerval", "antal", "fritext")
FORMS = ("meta", "lagesbild")
YES_NO = "ja_nej"
# Headers of the answer files that are not questions (casefolded).
IDENTITY_COLUMNS = ("kommunkod", "kommun", "län", "länskod")

_TOP_KEYS = ("enkat", "ar", "form", "beskrivning", "skalor", "grupper", "matriser", "fragor")
_QUESTION_KEYS = (
    "id",
    "avsnitt",
    "delavsnitt",
    "text",
    "typ",
    "skala",
    "alternativ",
    "kort",
    "matris",
    "tidigare_id",
    "kolumn",
)
_SCALE_OPTION_KEYS = ("etikett", "grupp", "neutral", "kod")
_CHOICE_KEYS = ("kod", "etikett", "kolumn")
_MATRIX_KEYS = ("id", "text")
_NAME = re.compile(r"\w+")


@dataclass(frozen=True)
class Option:
    label: str
    code: str
    group: str | None = None
    neutral: bool = False
    header: str | None = None  # `kolumn`: the export's header for a flerval option


@dataclass(frozen=True)
class Scale:
    name: str
    options: tuple[Option, ...]


YES_NO_SCALE = Scale(YES_NO, (Option("Ja", "ja"), Option("Nej", "nej")))


@dataclass(frozen=True)
class Question:
    id: str
    section: str
    subsection: str | None
    text: str
    type: str
    scale: Scale | None = None
    options: tuple[Option, ...] = ()
    short: str | None = None
    matrix: str | None = None
    previous_id: str | None = None  # `tidigare_id`: the question's id in the previous survey year
    header: str | None = None  # `kolumn`: the header the survey tool's export uses for the question

    def columns(self) -> list[str]:
        """The answer-file columns of the question: [id], or one `<id>_<kod>` per flerval option."""
        if self.type == "flerval":
            return [f"{self.id}_{option.code}" for option in self.options]
        return [self.id]


@dataclass
class Codebook:
    survey_name: str
    year: int
    form: str
    description: str
    scales: dict[str, Scale]
    groups: dict[str, str]
    matrices: dict[str, str]
    questions: list[Question]
    path: Path | None = None

    def question(self, id: str) -> Question:
        for question in self.questions:
            if question.id == id:
                return question
        raise KeyError(f"kodboken har ingen fråga med id {id!r}")

    def sections(self) -> list[tuple[str, list[str | None]]]:
        """Sections in order of first appearance, each with its subsections (None = questions
        without delavsnitt)."""
        result: dict[str, list[str | None]] = {}
        for question in self.questions:
            subsections = result.setdefault(question.section, [])
            if question.subsection not in subsections:
                subsections.append(question.subsection)
        return list(result.items())

    def questions_in(self, section: str, subsection: str | None | EllipsisType = ...) -> list[Question]:
        """The questions of a section; with `subsection`, only those of that subsection
        (None = those without delavsnitt)."""
        return [
            q
            for q in self.questions
            if q.section == section and (subsection is ... or q.subsection == subsection)
        ]

    def columns(self) -> list[str]:
        return [column for question in self.questions for column in question.columns()]

    def header_keys(self) -> dict[str, str]:
        """{normalised header: column} for every header an answer file may use for a column: the
        column itself (`<id>`, `<id>_<kod>`), its `kolumn` from the codebook, and the question's
        text when no other question has the same text. Headers are compared after the same
        normalisation as answers (case and extra spaces do not matter)."""
        keys: dict[str, str] = {}
        texts: dict[str, list[Question]] = {}
        for question in self.questions:
            for column in question.columns():
                keys[normalise_text(column)] = column
            if question.header:
                keys[normalise_text(question.header)] = question.id
            for option in question.options if question.type == "flerval" else ():
                if option.header:
                    keys[normalise_text(option.header)] = f"{question.id}_{option.code}"
            if question.type != "flerval":
                texts.setdefault(normalise_text(question.text), []).append(question)
        for text, questions in texts.items():
            if len(questions) == 1 and text not in keys:
                keys[text] = questions[0].id
        return keys

    def header_of(self, column: str) -> str:
        """The column as messages name it: "'id'", or "'id' (eller 'Q3')" with a `kolumn`."""
        for question in self.questions:
            if column == question.id and question.header:
                return f"{column!r} (eller {question.header!r})"
            for option in question.options if question.type == "flerval" else ():
                if column == f"{question.id}_{option.code}" and option.header:
                    return f"{column!r} (eller {option.header!r})"
        return repr(column)


class Problems:
    """Collects input errors. Strict: the first one is raised at once (load_*);
    otherwise all are kept (validate): each problem once, and at most MAX_PER_FILE per file."""

    MAX_PER_FILE = 100

    def __init__(self, strict: bool = True):
        self.strict = strict
        self.errors: list[InputError] = []
        self._seen: set[tuple] = set()
        self._per_file: dict[str, int] = {}

    def add(self, error: InputError) -> None:
        if self.strict:
            raise error
        key = (error.message, str(error.file), error.sheet, error.row, error.column)
        if key in self._seen:  # a problem reached along several paths is named once
            return
        self._seen.add(key)
        count = self._per_file[str(error.file)] = self._per_file.get(str(error.file), 0) + 1
        if count <= self.MAX_PER_FILE:
            self.errors.append(error)
        elif count == self.MAX_PER_FILE + 1:
            self.errors.append(
                InputError(
                    f"filen har fler fel; de första {self.MAX_PER_FILE} visas. Rätta dem och kör igen.",
                    file=error.file,
                )
            )


def normalise_text(value: str) -> str:
    """Unicode NFC, fold case and whitespace: ' Ganska  BRA ' -> 'ganska bra'."""
    return re.sub(r"\s+", " ", nfc(value)).strip().casefold()


@cache
def labels_by_normalised_text(options: tuple[Option, ...]) -> dict[str, str]:
    """{'ganska bra': 'Ganska bra', …}: an answer's label, whatever the case and spacing it was typed in."""
    return {normalise_text(option.label): option.label for option in options}


def suggestion(name: str, candidates: list[str]) -> str:
    """' Menade du 'x'?' for the closest candidate, or ''. When the name holds a character that
    only looks like an ordinary one (a Cyrillic 'а'), that character is named instead."""
    name = str(name)
    note = unusual_note(name)
    if note:
        return note
    by_fold = {normalise_text(c): c for c in candidates}
    close = difflib.get_close_matches(normalise_text(name), list(by_fold), n=1, cutoff=0.6)
    return f" Menade du {by_fold[close[0]]!r}?" if close else ""


# --- YAML with line numbers -------------------------------------------------------------


class _Mapping(dict):
    """A YAML mapping that remembers its line and the line of each key (1-based)."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.key_lines: dict = {}


class _Sequence(list):
    """A YAML sequence that remembers its line and the line of each item (1-based)."""

    def __init__(self, line: int):
        super().__init__()
        self.line = line
        self.item_lines: list[int] = []

    def with_lines(self):
        return zip(self, self.item_lines, strict=True)


class _Loader(yaml.CSafeLoader):
    """libyaml's safe loader (about ten times faster than PyYAML's own parser), keeping the text so
    that a node's line can be counted as an editor counts it."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text


MAX_EXPANDED_NODES = 100_000  # a codebook has a few thousand values; aliases may not expand beyond


class _ExpansionBomb(Exception):
    pass


def _line(mark, text: str) -> int:
    """The 1-based line of a YAML mark in `text`, counting only '\\n' as a text editor does (YAML
    also breaks lines at U+2028, U+2029 and U+0085). A mark's index counts characters."""
    return text.count("\n", 0, mark.index) + 1


def _expanded_size(node: yaml.Node, sizes: dict[int, int]) -> int:
    """The number of values the node stands for once every alias is expanded (cut at the limit)."""
    known = sizes.get(id(node))
    if known is not None:
        if known < 0:
            raise _ExpansionBomb("ett alias pekar på sig självt")
        return known
    sizes[id(node)] = -1
    size = 1
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    else:
        children = []
    for child in children:
        size = min(size + _expanded_size(child, sizes), MAX_EXPANDED_NODES + 1)
    sizes[id(node)] = size
    return size


class _BoundedLoader(_Loader):
    def construct_document(self, node):
        if _expanded_size(node, {}) > MAX_EXPANDED_NODES:
            raise _ExpansionBomb(
                f"alias (*namn) som byggs ut till mer än {MAX_EXPANDED_NODES:,} värden".replace(",", "\u00a0")
            )
        return super().construct_document(node)


def _construct_mapping(loader: _Loader, node: yaml.MappingNode):
    loader.flatten_mapping(node)
    data = _Mapping(_line(node.start_mark, loader.text))
    yield data
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "en nyckel kan inte vara en lista eller en tabell", key_node.start_mark
            )
        if key in data:
            raise yaml.constructor.ConstructorError(
                None, None, f"nyckeln {quoted(key)} förekommer två gånger", key_node.start_mark
            )
        data[key] = loader.construct_object(value_node, deep=True)
        data.key_lines[key] = _line(key_node.start_mark, loader.text)


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode):
    data = _Sequence(_line(node.start_mark, loader.text))
    yield data
    for item in node.value:
        data.append(loader.construct_object(item, deep=True))
        data.item_lines.append(_line(item.start_mark, loader.text))


_Loader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:seq", _construct_sequence)


_INVALID_YAML = "kodboken är inte giltig YAML; kontrollera indrag, kolon, citattecken och hakparenteser"


def _read_yaml(path: Path) -> object:
    """The YAML document of a file; InputError for unreadable, non-UTF-8 or malformed YAML."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError("kodboken kodbok.yml saknas", file=path) from None
    except OSError as exc:
        raise InputError(f"kodboken kunde inte läsas ({exc.strerror})", file=path) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "filen är inte sparad som UTF-8 (troligen Windows-1252/ANSI). Spara om den som UTF-8.",
            file=path,
            row=line,
        ) from None
    if not text.strip():
        raise InputError("kodboken är tom", file=path)
    try:
        return yaml.load(text, Loader=_BoundedLoader)  # a (C)SafeLoader subclass
    except _ExpansionBomb as exc:
        raise InputError(f"kodboken kan inte läsas: den innehåller {exc}", file=path) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = quoted(exc.problem or exc.context or "okänt fel")[1:-1]
        raise InputError(
            f"{_INVALID_YAML} (YAML-läsaren säger: {problem})",
            file=path,
            row=_line(mark, text) if mark else None,
        ) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise InputError(f"{_INVALID_YAML} ({type(exc).__name__})", file=path) from None


# --- parsing ----------------------------------------------------------------------------


class _Parser:
    def __init__(self, path: Path, problems: Problems):
        self.path = path
        self.problems = problems

    def error(self, message: str, line: int | None) -> None:
        self.problems.add(InputError(message, file=self.path, row=line))

    def line_of(self, mapping: _Mapping, key: str) -> int:
        return mapping.key_lines.get(key, mapping.line)

    def check_keys(self, mapping: _Mapping, allowed: tuple[str, ...], what: str) -> None:
        for key in mapping:
            if key not in allowed:
                self.error(
                    f"{what}: okänd nyckel {quoted(key)}.{suggestion(str(key), list(allowed))} "
                    f"Tillåtna nycklar: {', '.join(allowed)}.",
                    self.line_of(mapping, key),
                )

    def text(self, mapping: _Mapping, key: str, what: str, required: bool = True) -> str | None:
        """A non-empty text value; numbers are accepted as text."""
        value = mapping.get(key)
        if value is None:
            if required:
                self.error(f"{what}: nyckeln {quoted(key)} saknas eller är tom", self.line_of(mapping, key))
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.error(
                f"{what}: {quoted(key)} ska vara en text (skriv den inom citattecken om den ser ut som "
                f"ja/nej, ett tal eller ett datum)",
                self.line_of(mapping, key),
            )
            return None
        text = re.sub(r"\s+", " ", nfc(str(value))).strip()
        if not text and required:
            self.error(f"{what}: {quoted(key)} är tom", self.line_of(mapping, key))
            return None
        return text or None

    def name(self, mapping: _Mapping, key: str, what: str) -> str | None:
        """An identifier: letters, digits and underscore only."""
        value = self.text(mapping, key, what)
        if value is not None and not _NAME.fullmatch(value):
            self.error(
                f"{what}: {quoted(key)} = {quoted(value)} får bara innehålla bokstäver, siffror "
                "och understreck (_)",
                self.line_of(mapping, key),
            )
            return None
        return value

    def mapping(self, value: object, line: int, what: str) -> _Mapping | None:
        if not isinstance(value, _Mapping):
            self.error(f"{what} ska vara en tabell med nycklar (nyckel: värde)", line)
            return None
        return value

    def sequence(self, value: object, line: int, what: str) -> _Sequence | None:
        if not isinstance(value, _Sequence):
            self.error(f"{what} ska vara en lista (rader som börjar med '- ')", line)
            return None
        return value

    # --- sections of the codebook

    def header(self, doc: _Mapping) -> tuple[str, int, str, str]:
        name = self.text(doc, "enkat", "kodboken") or ""
        year = doc.get("ar")
        if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2100:
            self.error(
                f"kodboken: 'ar' ska vara ett årtal, till exempel 2013 (inte {quoted(year)})",
                self.line_of(doc, "ar"),
            )
            year = 0
        form = self.text(doc, "form", "kodboken") or ""
        if form and form not in FORMS:
            self.error(
                f"kodboken: okänd form {quoted(form)}.{suggestion(form, list(FORMS))} "
                f"Tillåtna: {', '.join(FORMS)}.",
                self.line_of(doc, "form"),
            )
        description = self.text(doc, "beskrivning", "kodboken", required=False) or ""
        return name, year, form, description

    def groups(self, doc: _Mapping) -> dict[str, str]:
        if "grupper" not in doc or doc["grupper"] is None:
            return {}
        groups = self.mapping(doc["grupper"], self.line_of(doc, "grupper"), "'grupper'")
        if groups is None:
            return {}
        result = {}
        for key in groups:
            text = self.text(groups, key, f"gruppen {quoted(key)}")
            if text is not None:
                result[str(key)] = text
        return result

    def scales(self, doc: _Mapping, groups: dict[str, str]) -> dict[str, Scale]:
        result = {YES_NO: YES_NO_SCALE}
        if "skalor" not in doc or doc["skalor"] is None:
            return result
        scales = self.mapping(doc["skalor"], self.line_of(doc, "skalor"), "'skalor'")
        if scales is None:
            return result
        for name, items in scales.items():
            line = self.line_of(scales, name)
            if not isinstance(name, str) or not _NAME.fullmatch(name):
                self.error(
                    f"skalans namn {quoted(name)} får bara innehålla bokstäver, siffror och understreck", line
                )
                continue
            options = self.scale_options(name, items, line, groups)
            if options:
                result[name] = Scale(name, tuple(options))
        return result

    def scale_options(self, scale: str, items: object, line: int, groups: dict[str, str]) -> list[Option]:
        what = f"skalan {scale!r}"
        items = self.sequence(items, line, what)
        if not items:
            if items is not None:
                self.error(f"{what} har inga svarsalternativ", line)
            return []
        options: list[Option] = []
        seen_labels: dict[str, int] = {}
        seen_codes: dict[str, int] = {}
        for item, item_line in items.with_lines():
            if isinstance(item, str | int) and not isinstance(item, bool):
                shorthand = _Mapping(item_line)
                shorthand["etikett"] = item
                item = shorthand
            item = self.mapping(item, item_line, f"{what}: ett svarsalternativ")
            if item is None:
                continue
            self.check_keys(item, _SCALE_OPTION_KEYS, f"{what}, svarsalternativ")
            label = self.text(item, "etikett", f"{what}, svarsalternativ")
            if label is None:
                continue
            if normalise_text(label) in seen_labels:
                self.error(
                    f"{what}: svarsalternativet {quoted(label)} förekommer två gånger "
                    f"(också på rad {seen_labels[normalise_text(label)]})",
                    item_line,
                )
                continue
            seen_labels[normalise_text(label)] = item_line
            code = self.name(item, "kod", f"{what}, {quoted(label)}") if "kod" in item else _slug(label)
            if code is None:
                continue
            if code in seen_codes:
                self.error(
                    f"{what}: koden {quoted(code)} för {quoted(label)} förekommer två gånger (också på rad "
                    f"{seen_codes[code]}); ange en egen 'kod'",
                    item_line,
                )
                continue
            seen_codes[code] = item_line
            group = self.text(item, "grupp", f"{what}, {quoted(label)}", required=False)
            if group is not None and group not in groups:
                self.error(
                    f"{what}: {quoted(label)} hör till gruppen {quoted(group)}, som inte finns "
                    "under 'grupper'."
                    f"{suggestion(group, list(groups))}",
                    self.line_of(item, "grupp"),
                )
                group = None
            neutral = item.get("neutral", False)
            if not isinstance(neutral, bool):
                self.error(
                    f"{what}, {quoted(label)}: 'neutral' ska vara true eller false",
                    self.line_of(item, "neutral"),
                )
                neutral = False
            options.append(Option(label, code, group, neutral))
        return options

    def matrices(self, doc: _Mapping) -> dict[str, str]:
        if "matriser" not in doc or doc["matriser"] is None:
            return {}
        items = self.sequence(doc["matriser"], self.line_of(doc, "matriser"), "'matriser'")
        result: dict[str, str] = {}
        for item, line in items.with_lines() if items else []:
            item = self.mapping(item, line, "'matriser': en matris")
            if item is None:
                continue
            self.check_keys(item, _MATRIX_KEYS, "matris")
            matrix_id = self.name(item, "id", "matris")
            text = self.text(item, "text", f"matrisen {quoted(matrix_id)}")
            if matrix_id is None or text is None:
                continue
            if matrix_id in result:
                self.error(f"matrisen {quoted(matrix_id)} förekommer två gånger", line)
                continue
            result[matrix_id] = text
        return result

    def questions(self, doc: _Mapping, scales: dict[str, Scale], matrices: dict[str, str]) -> list[Question]:
        if doc.get("fragor") is None:
            self.error("kodboken: 'fragor' saknas eller är tom", self.line_of(doc, "fragor"))
            return []
        items = self.sequence(doc["fragor"], self.line_of(doc, "fragor"), "'fragor'")
        if items is None:
            return []
        questions: list[Question] = []
        lines: dict[str, int] = {}
        columns: dict[str, tuple[str, int]] = {}
        for item, line in items.with_lines():
            item = self.mapping(item, line, "'fragor': en fråga")
            if item is None:
                continue
            question = self.question(item, scales, matrices)
            if question is None:
                continue
            if question.id in lines:
                self.error(
                    f"frågan {question.id!r} förekommer två gånger (också på rad {lines[question.id]})", line
                )
                continue
            clash = self.column_clash(question, columns)
            if clash:
                self.error(clash, line)
                continue
            lines[question.id] = line
            for column in question.columns():
                columns[column.casefold()] = (question.id, line)
            for header in self.headers(question):
                columns[header.casefold()] = (question.id, line)
            questions.append(question)
        self.check_matrices(questions, lines)
        if not questions and not self.problems.errors:
            self.error("kodboken har inga frågor", self.line_of(doc, "fragor"))
        return questions

    @staticmethod
    def headers(question: Question) -> list[str]:
        """The `kolumn` headers the question gives (normalised)."""
        found = [question.header] + [o.header for o in question.options if question.type == "flerval"]
        return [normalise_text(h) for h in found if h]

    def column_clash(self, question: Question, columns: dict[str, tuple[str, int]]) -> str | None:
        for header in self.headers(question):
            if header in IDENTITY_COLUMNS:
                return f"frågan {question.id!r}: kolumnen {header!r} är reserverad för kommunen"
            if header in columns or self.headers(question).count(header) > 1:
                other = columns.get(header, (question.id, None))[0]
                return (
                    f"frågan {question.id!r}: rubriken {header!r} (kolumn:) används redan av frågan "
                    f"{other!r}; varje rubrik i svarsfilen hör till en kolumn"
                )
        for column in question.columns():
            if column.casefold() in IDENTITY_COLUMNS:
                return f"frågan {question.id!r}: kolumnnamnet {quoted(column)} är reserverat för kommunen"
            if column.casefold() in columns:
                other, other_line = columns[column.casefold()]
                return (
                    f"frågan {question.id!r} ger kolumnen {quoted(column)} i svarsfilen, som frågan "
                    f"{quoted(other)} "
                    f"(rad {other_line}) redan ger; byt id eller kod"
                )
        return None

    def question(self, item: _Mapping, scales: dict[str, Scale], matrices: dict[str, str]) -> Question | None:
        errors_before = len(self.problems.errors)
        question_id = self.name(item, "id", "fråga")
        what = f"frågan {quoted(question_id)}" if question_id else "fråga"
        self.check_keys(item, _QUESTION_KEYS, what)
        section = self.text(item, "avsnitt", what)
        subsection = self.text(item, "delavsnitt", what, required=False)
        text = self.text(item, "text", what)
        short = self.text(item, "kort", what, required=False)
        kind = self.text(item, "typ", what)
        if kind is not None and kind not in QUESTION_TYPES:
            self.error(
                f"{what}: okänd typ {quoted(kind)}.{suggestion(kind, list(QUESTION_TYPES))} "
                f"Tillåtna typer: {', '.join(QUESTION_TYPES)}.",
                self.line_of(item, "typ"),
            )
            kind = None
        scale = self.question_scale(item, kind, scales, what)
        options: tuple[Option, ...] = scale.options if scale else ()
        if kind == "flerval":
            options = tuple(self.choices(item, what))
        elif kind is not None and "alternativ" in item:
            self.error(
                f"{what}: 'alternativ' gäller bara frågor med typ: flerval", self.line_of(item, "alternativ")
            )
        previous_id = self.name(item, "tidigare_id", what) if "tidigare_id" in item else None
        header = self.text(item, "kolumn", what, required=False)
        if header is not None and kind == "flerval":
            self.error(
                f"{what}: en flervalsfråga har en kolumn per alternativ; "
                "skriv 'kolumn' under varje alternativ",
                self.line_of(item, "kolumn"),
            )
        matrix = self.text(item, "matris", what, required=False)
        if matrix is not None and matrix not in matrices:
            self.error(
                f"{what}: matrisen {quoted(matrix)} finns inte under 'matriser'."
                f"{suggestion(matrix, list(matrices))}",
                self.line_of(item, "matris"),
            )
        if len(self.problems.errors) > errors_before or None in (question_id, section, text, kind):
            return None
        if (kind in ("ja_nej", "skala") and scale is None) or (kind == "flerval" and not options):
            return None
        return Question(
            question_id, section, subsection, text, kind, scale, options, short, matrix, previous_id, header
        )

    def question_scale(
        self, item: _Mapping, kind: str | None, scales: dict[str, Scale], what: str
    ) -> Scale | None:
        if kind == "ja_nej":
            if "skala" in item:
                self.error(
                    f"{what}: typ ja_nej använder alltid skalan ja_nej; använd typ: skala för en annan skala",
                    self.line_of(item, "skala"),
                )
            return scales[YES_NO]
        if kind != "skala":
            if kind is not None and "skala" in item:
                self.error(f"{what}: 'skala' gäller bara frågor med typ: skala", self.line_of(item, "skala"))
            return None
        name = self.text(item, "skala", what)
        if name is None:
            return None
        if name not in scales:
            self.error(
                f"{what}: okänd skala {quoted(name)}.{suggestion(name, list(scales))} "
                f"Skalorna i kodboken: {', '.join(scales)}.",
                self.line_of(item, "skala"),
            )
            return None
        return scales[name]

    def choices(self, item: _Mapping, what: str) -> list[Option]:
        if item.get("alternativ") is None:
            self.error(f"{what}: en flervalsfråga behöver 'alternativ'", self.line_of(item, "alternativ"))
            return []
        items = self.sequence(item["alternativ"], self.line_of(item, "alternativ"), f"{what}: 'alternativ'")
        if items is None:
            return []
        options: list[Option] = []
        codes: set[str] = set()
        labels: set[str] = set()
        for choice, line in items.with_lines():
            choice = self.mapping(choice, line, f"{what}: ett alternativ")
            if choice is None:
                continue
            self.check_keys(choice, _CHOICE_KEYS, f"{what}, alternativ")
            code = self.name(choice, "kod", f"{what}, alternativ")
            label = self.text(choice, "etikett", f"{what}, alternativ")
            header = self.text(choice, "kolumn", f"{what}, alternativ", required=False)
            if code is None or label is None:
                continue
            if code in codes:
                self.error(f"{what}: koden {quoted(code)} förekommer två gånger", line)
            elif normalise_text(label) in labels:
                self.error(f"{what}: alternativet {quoted(label)} förekommer två gånger", line)
            else:
                codes.add(code)
                labels.add(normalise_text(label))
                options.append(Option(label, code, header=header))
        if not options and not items:
            self.error(f"{what}: 'alternativ' är tom", self.line_of(item, "alternativ"))
        return options

    def check_matrices(self, questions: list[Question], lines: dict[str, int]) -> None:
        """All questions of a matrix share one scale."""
        first: dict[str, Question] = {}
        for question in questions:
            if question.matrix is None:
                continue
            if question.scale is None:
                self.error(
                    f"frågan {question.id!r}: bara frågor med typ ja_nej eller skala kan ingå i en matris",
                    lines[question.id],
                )
                continue
            other = first.setdefault(question.matrix, question)
            if other.scale != question.scale:
                self.error(
                    f"frågan {question.id!r} har skalan {question.scale.name!r}, men matrisen "
                    f"{question.matrix!r} har skalan {other.scale.name!r} (frågan {other.id!r})",
                    lines[question.id],
                )


def _slug(label: str) -> str:
    """'Ganska dåligt' -> 'ganska_daligt'."""
    text = label.casefold().translate(str.maketrans("åäöéü", "aaoey"))
    return re.sub(r"\W+", "_", text, flags=re.ASCII).strip("_") or "alternativ"


def parse_codebook(path: Path, problems: Problems) -> Codebook | None:
    """The codebook, with every problem reported to `problems`; None when nothing usable was read."""
    path = Path(path)
    try:
        doc = _read_yaml(path)
    except InputError as error:
        problems.add(error)
        return None
    parser = _Parser(path, problems)
    doc = parser.mapping(doc, 1, "kodboken")
    if doc is None:
        return None
    parser.check_keys(doc, _TOP_KEYS, "kodboken")
    name, year, form, description = parser.header(doc)
    groups = parser.groups(doc)
    scales = parser.scales(doc, groups)
    matrices = parser.matrices(doc)
    questions = parser.questions(doc, scales, matrices)
    return Codebook(name, year, form, description, scales, groups, matrices, questions, path)


def load_codebook(path: Path | str) -> Codebook:
    """Read and validate kodbok.yml; raises the first InputError."""
    codebook = parse_codebook(Path(path), Problems(strict=True))
    assert codebook is not None  # strict mode raised otherwise
    return codebook
