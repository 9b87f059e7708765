"""The survey chapter's item model: the questions of a codebook as report items (a matrix is
one item), the reporting categories of a scale, the scale's split for a diverging chart, and
one area's counts. No wording here beyond the categories' names (metabok/meta/wording.py)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from metabok.formatting import join_swedish
from metabok.meta.wording import in_running_text, label_in_text
from metabok.survey import aggregate
from metabok.survey.codebook import Codebook, Option, Question
from metabok.survey.responses import SurveyResponses

# --- report items --------------------------------------------------------------------------


@dataclass(frozen=True)
class Matrix:
    """A codebook matrix: one stem text and several questions (items) on the same scale."""

    id: str
    text: str
    questions: tuple[Question, ...]

    @property
    def section(self) -> str:
        return self.questions[0].section

    @property
    def subsection(self) -> str | None:
        return self.questions[0].subsection


Item = Question | Matrix


def report_items(codebook: Codebook) -> list[Item]:
    """The questions in codebook order, each matrix as one item at its first question's place."""
    items: list[Item] = []
    seen: set[str] = set()
    for question in codebook.questions:
        if question.matrix is None:
            items.append(question)
        elif question.matrix not in seen:
            seen.add(question.matrix)
            members = tuple(q for q in codebook.questions if q.matrix == question.matrix)
            items.append(Matrix(question.matrix, codebook.matrices[question.matrix], members))
    return items


def resolve_item(codebook: Codebook, item: Item | str) -> Item:
    """An item given as itself or by id (a matrix id or a question id)."""
    if not isinstance(item, str):
        return item
    for candidate in report_items(codebook):
        if candidate.id == item:
            return candidate
    return codebook.question(item)


def item_kind(item: Item) -> str:
    """'matris' or the question type."""
    return "matris" if isinstance(item, Matrix) else item.type


# --- scales: categories and direction --------------------------------------------------------


@dataclass(frozen=True)
class Category:
    """Options reported together in running text: a group of the scale, or a single option."""

    text: str
    options: tuple[Option, ...]
    grouped: bool
    neutral: bool


def categories(codebook: Codebook, options: tuple[Option, ...]) -> list[Category]:
    """The scale's reporting categories in scale order: each group once (its `grupper` text),
    each option without a group on its own (its label in running text)."""
    result: list[Category] = []
    seen: set[str] = set()
    for option in options:
        if option.group is None:
            result.append(Category(label_in_text(option.label), (option,), False, option.neutral))
        elif option.group not in seen:
            seen.add(option.group)
            members = tuple(o for o in options if o.group == option.group)
            text = codebook.groups.get(option.group) or join_swedish(
                [in_running_text(o.label) for o in members], "eller"
            )
            result.append(Category(text, members, True, all(o.neutral for o in members)))
    return result


def reported_categories(codebook: Codebook, options: tuple[Option, ...]) -> list[Category]:
    """The non-neutral categories in the order the text reports them: the codebook's groups
    first (they are what the analyst wants reported), then the options without a group."""
    found = [c for c in categories(codebook, options) if not c.neutral]
    return [c for c in found if c.grouped] + [c for c in found if not c.grouped]


def headline_category(codebook: Codebook, options: tuple[Option, ...]) -> Category:
    """The category a comparison is made on: the first group, else the first non-neutral option."""
    return reported_categories(codebook, options)[0]


@dataclass(frozen=True)
class ScaleParts:
    """A scale split for a diverging chart: `positive` (scale order, strongest first) right of
    zero, `negative` (mildest first) left of it, `middle` (an odd middle option) split across
    zero, `side` beside the bars. `by_groups` tells whether the codebook's groups decided the
    direction (otherwise the options were split by position)."""

    positive: tuple[Option, ...]
    middle: tuple[Option, ...]
    negative: tuple[Option, ...]
    side: tuple[Option, ...]
    by_groups: bool


def scale_parts(options: tuple[Option, ...]) -> ScaleParts:
    """Split a scale (ordered from positive to negative).

    Neutral options stand aside, and so does a last option that forms a group of its own after
    another group ('Ingen samverkan' after 'ganska eller mycket dåligt'). A group at the start
    is the positive side and the rest negative; otherwise a group at the end is the negative
    side and the rest positive; a scale without such groups is split in the middle."""
    core = [o for o in options if not o.neutral]
    if len(core) >= 3 and core[-1].group and core[-2].group and core[-1].group != core[-2].group:
        core = core[:-1]
    side = tuple(o for o in options if o not in core)
    first, last = core[0].group, core[-1].group
    if first is not None and any(o.group != first for o in core):
        cut = next(i for i, o in enumerate(core) if o.group != first)
        return ScaleParts(tuple(core[:cut]), (), tuple(core[cut:]), side, True)
    if last is not None and any(o.group != last for o in core):
        cut = max(i for i, o in enumerate(core) if o.group != last) + 1
        return ScaleParts(tuple(core[:cut]), (), tuple(core[cut:]), side, True)
    half = len(core) // 2
    return ScaleParts(
        tuple(core[:half]), tuple(core[half : len(core) - half]), tuple(core[len(core) - half :]), side, False
    )


# --- counting --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Counts:
    """One area's answers to one question: kommuner per option label, and how many answered."""

    answered: int
    by_label: dict[str, int]

    def of(self, options: tuple[Option, ...]) -> int:
        return sum(self.by_label[o.label] for o in options)

    def share(self, count: int) -> float | None:
        return count / self.answered if self.answered else None


def counts(survey: SurveyResponses, county: str, question: Question) -> Counts:
    """Counts for a ja_nej, skala or flerval question (see aggregate.option_counts)."""

    def compute() -> Counts:
        by_label = aggregate.option_counts(survey, county, question)
        return Counts(aggregate.answered(survey, county, question.id), by_label)

    return survey.remembered(("counts", county, question.id), compute)


def typical_item_response(survey: SurveyResponses, county: str) -> float | None:
    """The median number of kommuner that answered a question (fritext left out)."""
    answered = [
        aggregate.answered(survey, county, q.id) for q in survey.codebook.questions if q.type != "fritext"
    ]
    return statistics.median(answered) if answered else None
