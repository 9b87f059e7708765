"""The text and tables of a survey chapter (META and lägesbild forms), for one län or riket.

Pure functions: a survey (`SurveyResponses`) and a länskod ('00' = riket) in, Markdown text or
a DataFrame out. Everything follows the codebook: its sections, question order, scales, groups
and `kort` labels, so a new year's questions need no change here.

Safety: free text from the answer files (fritext) is only ever returned as data in DataFrames
(`comments_block`), never inside the Markdown strings built here; the renderer escapes it.
Codebook text that goes into Markdown is escaped with `wording.md`; kommun names come from geography.
"""

from __future__ import annotations

import pandas as pd

from metabok import config
from metabok.formatting import fmt_dec, fmt_int, join_swedish, round_half_up, sort_key
from metabok.meta.items import (
    Counts,
    Item,
    Matrix,
    categories,
    counts,
    headline_category,
    reported_categories,
    resolve_item,
    typical_item_response,
)
from metabok.meta.wording import (
    answer_verb,
    capitalised,
    in_running_text,
    kommuner_text,
    list_text,
    md,
    number_word,
    percent_text,
    quoted,
    short_name,
    statement_style,
)
from metabok.sources import geography
from metabok.survey import aggregate
from metabok.survey.codebook import Codebook, Question
from metabok.survey.responses import SurveyResponses

# Said once, where the survey answers begin (the sentences list counts as 'andra kommuner (16)').
PARENTHESES_NOTE = "Siffrorna inom parentes i texten är antal kommuner."


# --- words -----------------------------------------------------------------------------------


def _area(county: str) -> str:
    return geography.county_name(county)


def _in_area(county: str) -> str:
    """'i länet' or 'i riket'."""
    return "i riket" if county == config.NATIONAL_CODE else "i länet"


def _national(county: str) -> bool:
    return county == config.NATIONAL_CODE


# --- title and response ----------------------------------------------------------------------


def title_block(survey: SurveyResponses, county: str, level: int = 2) -> str:
    """Markdown: the survey's name and year, the area, its description and a paragraph on the
    county boards' follow-up (generic, modelled on the META 2013 Stockholm chapter)."""
    codebook = survey.codebook
    area = "riket" if _national(county) else md(_area(county))
    kommuner = len(geography.municipalities())
    sections = join_swedish([md(s) for s, _ in codebook.sections()])
    name = md(codebook.survey_name)
    parts = [f"**{name} – en sammanställning av resultaten för {area}**"]
    if codebook.description:
        parts.append(md(codebook.description))
    parts.append(f"{'#' * level} Länsstyrelsens uppföljning")
    if codebook.form == "lagesbild":
        parts.append(
            "Länsstyrelserna redovisar varje år lägesbilder om kommunernas mottagande av nyanlända och "
            f"asylsökande. Lägesbilderna bygger på kommunernas svar på en nationell enkät, {name}, till "
            f"landets samtliga {fmt_int(kommuner)} kommuner."
        )
        parts.append(_lagesbild_form(codebook))
    else:
        parts.append(
            "Länsstyrelsen har ett uppföljningsansvar för organisering och genomförande av insatser för "
            "nyanlända som tas emot för bosättning, och ett särskilt uppdrag att verka för att det finns "
            "beredskap och kapacitet att ta emot ensamkommande barn."
        )
        parts.append(
            "För att få en samlad bild av mottagandet och etableringen av nyanlända riktar sig enkäten "
            f"{name} till landets samtliga {fmt_int(kommuner)} kommuner. Med en hög svarsfrekvens kan "
            "resultaten visa på nationella och regionala övergripande mönster och variationer utifrån "
            "kommunernas erfarenheter. Resultaten används som underlag till prioriteringar av insatser "
            "och som en utgångspunkt för dialog med kommunerna och andra berörda aktörer på "
            "integrationsområdet."
        )
    comparison = "" if _national(county) else " och jämförs med resultatet för riket"
    parts.append(
        f"Enkätens frågor är ordnade i {fmt_int(len(codebook.sections()))} avsnitt: {sections}. "
        f"Resultaten redovisas avsnitt för avsnitt{comparison}."
    )
    return "\n\n".join(parts)


def _lagesbild_form(codebook: Codebook) -> str:
    """How the lägesbild survey is answered: statements on the most used scale, comments."""
    scales = [q.scale for q in codebook.questions if q.type == "skala"]
    sentences = []
    if scales:
        scale = max(scales, key=scales.count)
        core = [o for o in scale.options if not o.neutral]
        sentences.append(
            "Enkäten består främst av påståenden som kommunerna tar ställning till, från "
            f"{md(in_running_text(core[0].label))} till {md(in_running_text(core[-1].label))}."
        )
    if any(q.type == "fritext" for q in codebook.questions):
        sentences.append("Kommunerna kan kommentera sina svar.")
    return " ".join(sentences)


def name_key(name: str) -> str:
    """Swedish alphabetical order of names, hyphen read as a space: Upplands-Bro, Upplands Väsby."""
    return sort_key(name.replace("-", " "))


def _names(codes: list[str]) -> list[str]:
    return [md(n) for n in sorted((geography.municipality_name(c) for c in codes), key=name_key)]


def _municipality_list(what: str, codes: list[str]) -> str:
    """'De kommuner som har medverkat är: A, B och C.' ('Den kommun som … är A.' for one)."""
    if len(codes) == 1:
        return f"Den kommun som {what} är {_names(codes)[0]}."
    return f"De kommuner som {what} är: {join_swedish(_names(codes))}."


def response_text(survey: SurveyResponses, county: str) -> str:
    """Markdown: how many kommuner answered, which did and did not, and caveats.

    A caveat paragraph follows when the response rate, or the typical (median) number of
    kommuner answering a question, is below config.LOW_RESPONSE_RATE."""
    respondents, total = aggregate.response_rate(survey, county)
    national_respondents, national_total = aggregate.response_rate(survey, config.NATIONAL_CODE)
    rate = respondents / total
    answered = set(survey.respondents(county))
    all_codes = geography.municipalities_in(county)["kommunkod"].tolist()
    missing = [c for c in all_codes if c not in answered]
    paragraphs = []
    if _national(county):
        first = (
            f"I riket besvarades enkäten av {fmt_int(respondents)} av landets {fmt_int(total)} kommuner "
            f"({percent_text(rate)})."
        )
    elif total == 1:
        name = md(geography.municipality_name(all_codes[0]))
        answer = f"besvarade {name} enkäten" if respondents else f"har {name} inte besvarat enkäten"
        first = f"I {md(_area(county))}, som består av en kommun, {answer}."
    elif respondents == 0:
        first = f"I {md(_area(county))} har ingen av länets {fmt_int(total)} kommuner besvarat enkäten."
    else:
        first = (
            f"I {md(_area(county))} besvarades enkäten av {fmt_int(respondents)} av länets {fmt_int(total)} "
            f"kommuner ({percent_text(rate)})."
        )
    sentences = [first]
    if not _national(county):
        sentences.append(
            f"Svarsfrekvensen för landet var {percent_text(national_respondents / national_total)}."
        )
    paragraphs.append(" ".join(sentences))
    if total > 1:
        lists = []
        if answered and not _national(county):
            lists.append(_municipality_list("har medverkat", sorted(answered)))
        if missing and answered:
            lists.append(_municipality_list("inte har besvarat enkäten", missing))
        if lists:
            paragraphs.append(" ".join(lists))
    typical = typical_item_response(survey, county) if respondents else None
    typical_rate = typical / total if typical is not None else rate
    caveat = []
    if typical is not None and typical < respondents:
        only = "endast " if typical_rate < config.LOW_RESPONSE_RATE else ""
        where = "landet" if _national(county) else "länet"
        caveat.append(
            f"I stora delar av enkäten är svarsfrekvensen för {where} {only}{percent_text(typical_rate)}, "
            "eftersom alla kommuner inte har besvarat alla frågor."
        )
    if respondents and min(rate, typical_rate) < config.LOW_RESPONSE_RATE:
        caveat.append(
            "På grund av den låga svarsfrekvensen går det inte att dra några valida slutsatser för "
            f"{'riket' if _national(county) else 'länet'}. De tendenser som går att utläsa redovisas i "
            "denna sammanställning."
        )
    if caveat:
        paragraphs.append(" ".join(caveat))
    return "\n\n".join(paragraphs)


def response_table(survey: SurveyResponses, county: str) -> pd.DataFrame:
    """One row per kommun in the area (Swedish alphabetical order): Kommun, Svarat (Ja/Nej);
    for riket also Län."""
    frame = geography.municipalities_in(county)
    answered = set(survey.respondents(county))
    table = pd.DataFrame(
        {
            "Län": frame["lan"],
            "Kommun": frame["kommun"],
            "Svarat": ["Ja" if c in answered else "Nej" for c in frame["kommunkod"]],
        }
    )
    order = sorted(range(len(table)), key=lambda i: (name_key(table["Län"][i]), name_key(table["Kommun"][i])))
    table = table.iloc[order].reset_index(drop=True)
    return table if _national(county) else table.drop(columns="Län")


def county_response_table(survey: SurveyResponses) -> pd.DataFrame:
    """One row per län (code order) and a last row for riket: Län, Svarande kommuner,
    Kommuner, Svarsfrekvens (%)."""
    rows = []
    for code in [*geography.county_codes(), config.NATIONAL_CODE]:
        respondents, total = aggregate.response_rate(survey, code)
        rows.append((_area(code), respondents, total, round_half_up(100 * respondents / total, 1)))
    return pd.DataFrame(rows, columns=["Län", "Svarande kommuner", "Kommuner", "Svarsfrekvens (%)"])


# --- sentences -------------------------------------------------------------------------------


def question_sentence(survey: SurveyResponses, county: str, item: Item | str) -> str:
    """Markdown: the area's result for a question or matrix in the register of the META
    chapters, with the national result beside it and a note when fewer kommuner answered the
    question than the survey. Counts are numbers of kommuner."""
    item = resolve_item(survey.codebook, item)
    if isinstance(item, Matrix):
        return _matrix_sentence(survey, county, item)
    writer = {
        "ja_nej": _scale_sentence,
        "skala": _scale_sentence,
        "flerval": _choice_sentence,
        "antal": _number_sentence,
        "fritext": _comment_sentence,
    }[item.type]
    return writer(survey, county, item)


def _nobody(county: str, item: Item) -> str:
    what = "Frågorna i" if isinstance(item, Matrix) else "Frågan"
    return f"{what} {quoted(item.text)} har inte besvarats av någon kommun {_in_area(county)}."


def _item_caveat(survey: SurveyResponses, county: str, answered: list[int]) -> str:
    """'Frågan besvarades av 16 av de 19 kommuner som svarade på enkäten.' or ''."""
    respondents = len(survey.respondents(county))
    low, high = min(answered), max(answered)
    if low >= respondents or high == 0:
        return ""
    if low == high:
        return (
            f"Frågan besvarades av {fmt_int(low)} av de {fmt_int(respondents)} kommuner "
            "som svarade på enkäten."
        )
    return (
        f"Delfrågorna besvarades av {fmt_int(low)}–{fmt_int(high)} av de {fmt_int(respondents)} kommuner "
        "som svarade på enkäten."
    )


def _join_sentences(*sentences: str) -> str:
    return " ".join(s for s in sentences if s)


def _national_counts(survey: SurveyResponses, county: str, question: Question) -> Counts | None:
    """Riket's counts for the comparison sentence; None on riket's own page or without answers."""
    if _national(county):
        return None
    national = counts(survey, config.NATIONAL_CODE, question)
    return national if national.answered else None


def _scale_sentence(survey: SurveyResponses, county: str, question: Question) -> str:
    codebook = survey.codebook
    local = counts(survey, county, question)
    if local.answered == 0:
        return _join_sentences(_nobody(county, question), _national_scale(survey, county, question))
    first, *others = reported_categories(codebook, question.options)
    neutral = [c for c in categories(codebook, question.options) if c.neutral]
    rest = [
        f"{number_word(local.of(c.options))} {md(c.text)}" for c in [*others, *neutral] if local.of(c.options)
    ]
    head = f"{kommuner_text(local.of(first.options))} {_in_area(county)} {md(first.text)}"
    if statement_style(codebook, question):
        sentence = f"{capitalised(head)} i påståendet {quoted(question.text)}"
        sentence += f", medan {list_text(rest)}." if rest else "."
    else:
        sentence = f"På frågan {quoted(question.text)} svarar {list_text([head, *rest])}."
    return _join_sentences(
        sentence,
        _national_scale(survey, county, question),
        _item_caveat(survey, county, [local.answered]),
    )


def _national_scale(survey: SurveyResponses, county: str, question: Question) -> str:
    """'I riket är andelen som svarar ja 93 procent.' (for a skala every non-neutral category
    given in riket)."""
    national = _national_counts(survey, county, question)
    if national is None:
        return ""
    first, *others = reported_categories(survey.codebook, question.options)
    found = [first] if question.type == "ja_nej" else [first, *(c for c in others if national.of(c.options))]
    parts = [
        f"andelen som {md(answer_verb(survey.codebook, question, c.text))} "
        f"{percent_text(national.share(national.of(c.options)))}"
        for c in found
    ]
    return f"I riket är {list_text(parts)}."


def _ranked(pairs: list[tuple[str, int]]) -> list[tuple[str, int]]:
    """Falling order by count; equal counts keep codebook order."""
    return sorted(pairs, key=lambda pair: -pair[1])


def _counted(pairs: list[tuple[str, int]]) -> str:
    return list_text([f"{md(name)} ({fmt_int(n)})" for name, n in _ranked(pairs) if n > 0])


def _matrix_sentence(survey: SurveyResponses, county: str, matrix: Matrix) -> str:
    codebook = survey.codebook
    lead = matrix.questions[0]
    local = {q.id: counts(survey, county, q) for q in matrix.questions}
    answered = [c.answered for c in local.values()]
    statements = statement_style(codebook, lead)
    sentences: list[str] = []
    if max(answered) == 0:
        sentences.append(_nobody(county, matrix))
    else:
        for category in reported_categories(codebook, lead.options):
            pairs = [(short_name(q), local[q.id].of(category.options)) for q in matrix.questions]
            if not any(n for _, n in pairs):
                continue
            if statements:
                where = f" {_in_area(county)}" if not sentences else ""
                of = f", per påstående i frågan {quoted(matrix.text)}" if not sentences else ""
                sentences.append(f"Antal kommuner{where} som {md(category.text)}{of}: {_counted(pairs)}.")
            elif not sentences:
                sentences.append(
                    f"På frågan {quoted(matrix.text)} svarar kommunerna {_in_area(county)} "
                    f"{md(category.text)} för {_counted(pairs)}."
                )
            else:
                sentences.append(f"Antal kommuner som svarar {md(category.text)}: {_counted(pairs)}.")
    sentences.append(_national_matrix(survey, county, matrix))
    sentences.append(_item_caveat(survey, county, answered))
    return _join_sentences(*sentences)


def _national_matrix(survey: SurveyResponses, county: str, matrix: Matrix) -> str:
    """'I riket är andelen som svarar … störst för X (85 procent) och minst för Y (40 procent).'"""
    if _national(county):
        return ""
    lead = matrix.questions[0]
    category = headline_category(survey.codebook, lead.options)
    shares = []
    for question in matrix.questions:
        national = counts(survey, config.NATIONAL_CODE, question)
        if national.answered:
            shares.append((short_name(question), national.share(national.of(category.options))))
    if not shares:
        return ""
    verb = md(answer_verb(survey.codebook, lead, category.text))
    high = max(shares, key=lambda pair: pair[1])
    low = min(shares, key=lambda pair: pair[1])
    if percent_text(high[1]) == percent_text(low[1]):
        every = "för alla delfrågor " if len(shares) > 1 else ""
        return f"I riket är andelen som {verb} {every}{percent_text(high[1])}."
    return (
        f"I riket är andelen som {verb} störst för {md(high[0])} ({percent_text(high[1])}) "
        f"och minst för {md(low[0])} ({percent_text(low[1])})."
    )


def _choice_sentence(survey: SurveyResponses, county: str, question: Question) -> str:
    local = counts(survey, county, question)
    if local.answered == 0:
        return _join_sentences(_nobody(county, question), _national_choice(survey, county, question))
    pairs = [(in_running_text(o.label), local.of((o,))) for o in question.options]
    chosen = _counted(pairs)
    none = [md(name) for name, n in pairs if n == 0]
    sentences = []
    if chosen:
        sentences.append(
            f"På frågan {quoted(question.text)} anger kommunerna {_in_area(county)} följande, "
            f"i fallande ordning: {chosen}."
        )
    if none:
        sentences.append(f"Ingen kommun {_in_area(county)} anger {join_swedish(none, 'eller')}.")
    return _join_sentences(
        *sentences,
        _national_choice(survey, county, question),
        _item_caveat(survey, county, [local.answered]),
    )


def _national_choice(survey: SurveyResponses, county: str, question: Question) -> str:
    """'I riket är de vanligaste svaren a (85 procent), b (70 procent) och c (60 procent).'"""
    national = _national_counts(survey, county, question)
    if national is None:
        return ""
    pairs = _ranked([(in_running_text(o.label), national.of((o,))) for o in question.options])
    top = [f"{md(name)} ({percent_text(national.share(n))})" for name, n in pairs[:3] if n > 0]
    if not top:
        return ""
    if len(top) == 1:
        return f"I riket är det vanligaste svaret {top[0]}."
    return f"I riket är de vanligaste svaren {list_text(top)}."


def _median_text(value: float) -> str:
    return fmt_int(value) if float(value).is_integer() else fmt_dec(value, 1)


def _number_sentence(survey: SurveyResponses, county: str, question: Question) -> str:
    summary = aggregate.number_summary(survey, county, question.id)
    if summary.answered == 0:
        sentence = _nobody(county, question)
    else:
        sentence = (
            f"På frågan {quoted(question.text)} uppger {kommuner_text(summary.answered)} {_in_area(county)} "
            f"sammanlagt {fmt_int(summary.total)}, i median {_median_text(summary.median)} per kommun."
        )
    national = ""
    if not _national(county):
        overall = aggregate.number_summary(survey, config.NATIONAL_CODE, question.id)
        if overall.answered:
            national = f"I riket är medianen {_median_text(overall.median)}."
    return _join_sentences(sentence, national, _item_caveat(survey, county, [summary.answered]))


def _comment_sentence(survey: SurveyResponses, county: str, question: Question) -> str:
    n = aggregate.answered(survey, county, question.id)
    where = _in_area(county)
    sentence = f"På frågan {quoted(question.text)} har {kommuner_text(n)} {where} lämnat en kommentar."
    return sentence + (" Kommentarerna visas i tabellen." if n else "")


# --- tables ----------------------------------------------------------------------------------


def _percent_value(share: float | None) -> float:
    """A share as per cent with one decimal, NaN when nobody answered."""
    return float("nan") if share is None else round_half_up(100 * share, 1)


def _where(county: str) -> str:
    return "riket" if _national(county) else "länet"


def question_table(survey: SurveyResponses, county: str, item: Item | str) -> pd.DataFrame:
    """The area's answers beside riket's.

    ja_nej, skala: one row per option (scale order): Svarsalternativ, Antal kommuner i länet,
    Andel i länet (%), Andel i riket (%). flerval: the same, options in falling order.
    Matrix: one row per item (falling order by the headline category): Delfråga, one count
    column per option, Svarande kommuner and the headline category's share in the län and
    riket. antal: Mått by area. fritext: the comments (see comments_block).
    On riket's page the län columns are left out. Shares are of the kommuner that answered."""
    item = resolve_item(survey.codebook, item)
    if isinstance(item, Matrix):
        return _matrix_table(survey, county, item)
    if item.type == "antal":
        return _number_table(survey, county, item)
    if item.type == "fritext":
        return comments_block(survey, county, item)
    local = counts(survey, county, item)
    national = counts(survey, config.NATIONAL_CODE, item)
    rows = [(o.label, local.of((o,)), national.share(national.of((o,)))) for o in item.options]
    if item.type == "flerval":
        rows = sorted(rows, key=lambda row: -row[1])
    where = _where(county)
    # On riket's page the two share columns are one: the later key wins, with the same values.
    return pd.DataFrame(
        {
            "Svarsalternativ": [label for label, _, _ in rows],
            f"Antal kommuner i {where}": pd.array([n for _, n, _ in rows], dtype="Int64"),
            f"Andel i {where} (%)": [_percent_value(local.share(n)) for _, n, _ in rows],
            "Andel i riket (%)": [_percent_value(share) for _, _, share in rows],
        }
    )


def _matrix_table(survey: SurveyResponses, county: str, matrix: Matrix) -> pd.DataFrame:
    lead = matrix.questions[0]
    category = headline_category(survey.codebook, lead.options)
    statements = statement_style(survey.codebook, lead)
    where = _where(county)
    rows = []
    for question in matrix.questions:
        local = counts(survey, county, question)
        national = counts(survey, config.NATIONAL_CODE, question)
        # A lägesbild statement is shown in full: its short name alone does not say what was rated.
        row: dict[str, object] = (
            {"Påstående": question.text} if statements else {"Delfråga": short_name(question)}
        )
        # The län's and riket's shares come first, so that they are compared without scrolling.
        row[f"Andel {category.text} i {where} (%)"] = _percent_value(local.share(local.of(category.options)))
        row[f"Andel {category.text} i riket (%)"] = _percent_value(
            national.share(national.of(category.options))
        )
        row |= {o.label: local.of((o,)) for o in lead.options}
        row["Svarande kommuner"] = local.answered
        rows.append((local.of(category.options), row))
    table = pd.DataFrame([row for _, row in sorted(rows, key=lambda pair: -pair[0])])
    counted = [o.label for o in lead.options] + ["Svarande kommuner"]
    return table.astype({column: "Int64" for column in counted})


def _rounded(value: float | None) -> float | None:
    return None if value is None else round_half_up(value, 1)


def _number_table(survey: SurveyResponses, county: str, question: Question) -> pd.DataFrame:
    areas = [county] if _national(county) else [county, config.NATIONAL_CODE]
    columns = {"Mått": ["Svarande kommuner", "Summa", "Medel", "Median"]}
    for area in areas:
        summary = aggregate.number_summary(survey, area, question.id)
        columns[_area(area)] = pd.array(
            [summary.answered, summary.total, _rounded(summary.mean), _rounded(summary.median)],
            dtype="object",
        )
    return pd.DataFrame(columns)


EXAMPLE_TEXT_COLUMN = "Textens ursprung"
EXAMPLE_TEXT = "Påhittad exempeltext, inte kommunens svar"


def comments_block(survey: SurveyResponses, county: str, question: Question | str) -> pd.DataFrame:
    """The comments to a fritext question: Kommun, Kommentar (Swedish alphabetical order), and for
    example data a third column saying that each text is invented.

    The comments are the kommuners' own text, kept as data: the renderer must escape them
    (the book's html_table does) and they must never be put into Markdown or HTML as markup."""
    question = resolve_item(survey.codebook, question)
    pairs = aggregate.free_texts(survey, county, question.id)
    frame = pd.DataFrame(pairs, columns=["Kommun", "Kommentar"], dtype="string")
    if survey.synthetic:  # invented text next to a real kommun's name says so in its own cell
        frame[EXAMPLE_TEXT_COLUMN] = pd.array([EXAMPLE_TEXT] * len(frame), dtype="string")
    return frame


def national_comparison_table(survey: SurveyResponses, item: Item | str) -> pd.DataFrame:
    """The question or matrix for every län (code order) and riket (last row), side by side.

    Columns: Län, Svarande kommuner, then shares in per cent of the kommuner that answered:
    ja_nej and skala one column per non-neutral category ('Andel ganska eller mycket bra (%)'),
    flerval one per option, a matrix one per item (the headline category); antal: Summa and
    Median; fritext: Antal kommentarer."""
    item = resolve_item(survey.codebook, item)
    rows = []
    for code in [*geography.county_codes(), config.NATIONAL_CODE]:
        row: dict[str, object] = {"Län": _area(code)}
        row |= _comparison_row(survey, code, item)
        rows.append(row)
    return pd.DataFrame(rows)


def _comparison_row(survey: SurveyResponses, county: str, item: Item) -> dict[str, object]:
    codebook = survey.codebook
    if isinstance(item, Matrix):
        local = {q.id: counts(survey, county, q) for q in item.questions}
        category = headline_category(codebook, item.questions[0].options)
        row: dict[str, object] = {"Svarande kommuner": max(c.answered for c in local.values())}
        for question in item.questions:
            found = local[question.id]
            row[f"{short_name(question)} (%)"] = _percent_value(found.share(found.of(category.options)))
        return row
    if item.type == "antal":
        summary = aggregate.number_summary(survey, county, item.id)
        return {"Svarande kommuner": summary.answered, "Summa": summary.total, "Median": summary.median}
    if item.type == "fritext":
        return {"Antal kommentarer": aggregate.answered(survey, county, item.id)}
    found = counts(survey, county, item)
    row = {"Svarande kommuner": found.answered}
    if item.type == "flerval":
        for option in item.options:
            row[f"{option.label} (%)"] = _percent_value(found.share(found.of((option,))))
        return row
    for category in categories(codebook, item.options):
        if not category.neutral:
            row[f"Andel {category.text} (%)"] = _percent_value(found.share(found.of(category.options)))
    return row


# --- the Enkätsvar part ----------------------------------------------------------------------
