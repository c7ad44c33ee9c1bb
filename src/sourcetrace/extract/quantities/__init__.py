"""The ``sourcetrace_quantities`` spaCy component: numeric claims and how they are hedged.

Sets ``Doc._.quantities`` to a list of :class:`~sourcetrace.extract.types.Quantity`, in text order::

    nlp.add_pipe("sourcetrace_quantities")          # after sourcetrace_times, when that is in the pipeline
    doc = nlp("Nach westlichen Angaben wurden mehr als 10.000 Nordkoreaner nach Kursk geschickt.")
    doc._.quantities  # [Quantity(span=mehr als 10.000, value=10000.0, hedge='more_than', what='Nordkoreaner')]

What counts as a quantity, and how it is written down:

- **Numbers** in digits, German or English notation (``10.000``, ``10,000``, ``1,5``, ``1.5``, ``10'000``), and
  number words (``zwei``, ``zwölf``, ``dreihundert``, ``twenty-one``: read by text2num), with scale words
  (``2,5 Mrd.``, ``zwei Millionen``, ``$4bn``): ``value`` is the full number (2.5e9).
- **Vague counts** (``Tausende``, ``Dutzende``, ``Zehntausende``, ``mehrere Hundert``, ``thousands``,
  ``tens of thousands``, ``a few hundred``): ``value`` is the order of magnitude (1000, 12, 10000, 100, ...),
  ``hedge`` is ``vague``.
- **Shares**: percentages and fractions (``3,5 Prozent``, ``70%``, ``die Hälfte``, ``zwei Drittel``,
  ``jeder fünfte``, ``sechs von zehn``, ``one in five``) have ``unit`` ``%`` and ``value`` in percent, so that
  ``die Hälfte`` (50) compares with ``50 Prozent``; percentage points are ``pp``, basis points ``bp``.
- **Units**: currencies as ISO codes (``EUR``, ``USD``, ``GBP``, ``CHF``, ...), measures as symbols (``km``,
  ``t``, ``kg``, ``ha``, ``MW``, ``°C``, ``km/h``); counts of things have no unit.
- **Ranges** (``zwischen 10 und 20``, ``10 bis 20``, ``10-20``, ``between 40 and 60``): the span covers the whole
  range, ``value`` is the lower bound and ``hedge`` is ``at_least`` — unless a hedge word stands before the
  range (``etwa 10 bis 15 Prozent`` is ``about`` 10). ``from 10 to 20`` and ``von 10 auf 20`` are changes: two
  quantities.
- **Hedges** from ``lexicon/hedges.tsv``: ``about`` (etwa, rund, circa, knapp, gut, fast, about, nearly, some),
  ``more_than`` (mehr als, über, more than, over), ``less_than``, ``at_least`` (mindestens, at least, or more),
  ``at_most`` (bis zu, höchstens, up to, as many as), ``vague`` (from the number word), else ``exact``.
- **Not quantities**: anything inside a ``Doc._.times`` span (the times component runs first); and, with or
  without it, dates and their parts (``15. August 1945``, ``15.08.2025``, ``9 November``), years (a plain number
  from 1000 to 2100 after ``seit``/``im Jahr``/``in``, or not followed by a noun, unit or hedge), clock times
  (``16:38``, ``14 Uhr``, ``3pm``), durations and ages (``drei Jahre``, ``2 Min.``, ``45-year-old``), ordinals
  (``80. Jahrestag``, ``80th``), labels and names (``Artikel 5``, ``Platz 3``, ``Flight 302``, ``Covid-19``,
  ``iOS 10``, ``Web 2.0``, ``BBC Three``), scores (``2:1``), ages (``aged 62``, ``Anna M. (45)``,
  ``Mr Ebbers, 63,``), German clock times without ``Uhr`` (``20.15``), phone numbers, list markers (``1)``), and
  the article or pronoun ``ein``/``eine``/``one``/``a`` on its own (``one of them``).
- A number joined to the next one takes its unit and what it counts (``von 20 auf 16 Prozent``: 20 is
  ``%``; ``12 und 14 Verletzte``: both count ``Verletzte``; ``zwölf oder 18 Monate``: both are durations).
- ``what`` is the head noun the number counts (``Nordkoreaner``), see :mod:`.counted`; ``None`` when there
  is none (``Die Arbeitslosenquote sank auf 5,8 Prozent``).

``source_entity``, ``source_name`` and ``statement`` are left empty here: ``sourcetrace_attribution`` fills
them when a quantity stands inside a statement or under an according-to phrase.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from sourcetrace.extract.extensions import register_extensions
from sourcetrace.extract.quantities.counted import Counted, noun_phrase
from sourcetrace.extract.quantities.scanner import Found, Scanner
from sourcetrace.extract.types import Quantity

SUPPORTED_LANGS = ("de", "en")
ELLIPSIS_WINDOW = 30  # tokens: how far back an elliptic number may borrow what the one before it counts


class QuantityComponent:
    """Finds quantity claims and sets ``Doc._.quantities`` (an empty list when there are none)."""

    def __init__(self, nlp: Language, name: str = "sourcetrace_quantities", respect_times: bool = True):
        register_extensions()
        self.name = name
        self.respect_times = respect_times

    def __call__(self, doc: Doc) -> Doc:
        lang = doc.lang_
        if lang not in SUPPORTED_LANGS or not len(doc):
            doc._.quantities = []
            return doc
        blocked: set[int] = set()
        if self.respect_times and doc._.times:
            for time in doc._.times:
                blocked.update(range(time.span.start, time.span.end))
        scanner = Scanner(lang)
        found = scanner.scan(doc, blocked)
        doc._.quantities = self._with_what(doc, scanner, found)
        return doc

    def _with_what(self, doc: Doc, scanner: Scanner, found: list[Found]) -> list[Quantity]:
        annotations = scanner.annotations
        counted = Counted(doc.lang_, scanner.lex, scanner.stop_words, annotations)
        quantities: list[Quantity] = []
        kinds: list[str | None] = []  # the unit kind of each quantity (currency, percent, ...)
        for n, hit in enumerate(found):
            unit_kind = hit.unit.kind if hit.unit else None
            unit = hit.unit.unit if hit.unit else None
            noun = counted.after(doc, hit.start, hit.end, hit.share, unit_kind) or counted.before(
                doc, hit.start
            )
            what = noun_phrase(noun, hit.end) if noun is not None else None
            if what is None:
                noun = counted.amount_of(doc, annotations.sentence_start(hit.start), hit.start)
                what = noun.text if noun is not None else None
            if what is None and n > 0:
                # elliptic: "600 Nordkoreaner wurden getötet und Tausende verletzt", "50 Mrd. Dollar, davon 20 Mrd."
                prev, prev_q = found[n - 1], quantities[n - 1]
                same_sentence = annotations.sentence_start(prev.start) == annotations.sentence_start(
                    hit.start
                )
                if same_sentence and hit.start - prev.end <= ELLIPSIS_WINDOW:
                    if unit is None and hit.scaled and kinds[n - 1] == "currency":
                        unit, unit_kind = prev_q.unit, "currency"
                    if prev_q.unit == unit:
                        what = prev_q.what
            kinds.append(unit_kind)
            quantities.append(
                Quantity(
                    span=doc[hit.start : hit.end], value=hit.value, hedge=hit.hedge, unit=unit, what=what
                )
            )
        # a number joined to the next one takes what that one counts: 12 und 14 Verletzte, 20 or 30 people
        for n in range(len(quantities) - 2, -1, -1):
            q, nxt = quantities[n], quantities[n + 1]
            if (
                q.what is None
                and q.unit == nxt.unit
                and nxt.what
                and _joined(scanner, doc, found[n].end, found[n + 1].start)
            ):
                q.what = nxt.what
        return quantities


def _joined(scanner: Scanner, doc: Doc, end: int, start: int) -> bool:
    between = doc[end:start]
    return (
        1 <= len(between) <= 2
        and scanner.lex.is_(between[0].text, "alt")
        and all(scanner.lex.is_(t.text, "alt") or scanner.lex.is_(t.text, "det") for t in between)
    )


@Language.factory(
    "sourcetrace_quantities",
    default_config={"respect_times": True},
)
def make_quantity_component(nlp: Language, name: str, respect_times: bool) -> QuantityComponent:
    return QuantityComponent(nlp, name, respect_times=respect_times)
