"""The Enkätsvar part of a META chapter as blocks: each question's sentence, table and chart, in
codebook order (the report's text and tables, the charts' chart, put together)."""

from __future__ import annotations

from dataclasses import dataclass

import altair as alt
import pandas as pd

from metabok import config
from metabok.meta import charts
from metabok.meta.items import Item, item_kind, report_items, resolve_item
from metabok.meta.report import question_sentence, question_table
from metabok.sources import geography
from metabok.survey.responses import SurveyResponses


@dataclass
class Block:
    """One question or matrix of the Enkätsvar part: what the notebook shows for it.

    `sentence` is Markdown; `table` is data (comments for fritext questions: escape when
    rendering); `chart` is None for antal and fritext questions. `title` and `caption` are
    plain codebook text (escape when rendering)."""

    id: str
    kind: str
    title: str
    sentence: str
    table: pd.DataFrame
    chart: alt.TopLevelMixin | None
    caption: str


@dataclass
class SubsectionBlocks:
    heading: str | None  # None: questions without delavsnitt
    blocks: list[Block]


@dataclass
class SectionBlocks:
    heading: str
    subsections: list[SubsectionBlocks]


def block(survey: SurveyResponses, county: str, item: Item | str) -> Block:
    """The sentence, table and chart of one question or matrix."""
    item = resolve_item(survey.codebook, item)
    area = "riket" if county == config.NATIONAL_CODE else f"{geography.county_name(county)} och riket"
    return Block(
        id=item.id,
        kind=item_kind(item),
        title=item.text,
        sentence=question_sentence(survey, county, item),
        table=question_table(survey, county, item),
        chart=charts.item_chart(survey, county, item),
        caption=f"{item.text} – {area}",
    )


def section_blocks(survey: SurveyResponses, county: str) -> list[SectionBlocks]:
    """The Enkätsvar part in codebook order: sections, their subsections and their blocks."""
    items = report_items(survey.codebook)
    result = []
    for section, subsections in survey.codebook.sections():
        parts = []
        for subsection in subsections:
            found = [i for i in items if i.section == section and i.subsection == subsection]
            if found:
                parts.append(SubsectionBlocks(subsection, [block(survey, county, i) for i in found]))
        result.append(SectionBlocks(section, parts))
    return result
