"""Convert the corpora in ../shared/data into spaCy DocBin files under training/corpus/<lang>/.

    python training/convert.py de|en [--data ../shared/data]

German: syntax (POS, morphology, lemmas, dependencies) from UD German-GSD test (train) and dev (tune), plus
STTS tags and lemmas from EmpiriST (train); NER from GermEval 2014 test + the other German NER sets (train)
and GermEval 2014 dev (tune).
English: syntax from UD English-EWT train / dev; NER from UNER English-EWT dev (split by document: most
for training, a held-apart part for tuning). The PUD files and EWT test are never read here.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin, Span

from sourcetrace.nlp.conll import (
    Sentence,
    conllu_docs,
    open_text,
    read_conllu,
    read_token_tags,
    sentences_to_doc,
    tagged_docs,
)
from sourcetrace.nlp.tokenizer import news_tokenizer

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
DEFAULT_DATA = REPO.parent / "shared" / "data"

# GermEval 2014 outer-level labels; *deriv and *part are not names of their own and become O.
GERMEVAL_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC"}
CORE_LABELS = {"PER": "PER", "PERS": "PER", "LOC": "LOC", "ORG": "ORG"}
LER_LABELS = {
    **{k: "PER" for k in ("PER", "RR", "AN")},
    **{k: "LOC" for k in ("LD", "ST", "STR", "LDS")},
    **{k: "ORG" for k in ("ORG", "UN", "INN", "GRT")},
    "MRK": "MISC",
}
SMARTDATA_LABELS = {
    "person": "PER",
    "location": "LOC",
    "location-city": "LOC",
    "location-street": "LOC",
    "location-stop": "LOC",
    "location-route": "LOC",
    "organization": "ORG",
    "organization-company": "ORG",
}


RELATIVE = re.compile(r"PronType=[A-Za-z,]*Rel")


def harmonize_gsd(sentence: Sentence) -> Sentence:
    """Give UD German-GSD the relation subtypes of current UD German treebanks (e.g. PUD, HDT):
    ``acl`` over a relative clause (a dependent with PronType=Rel) -> ``acl:relcl``; ``flat`` inside a
    proper name (PROPN head and dependent) -> ``flat:name``."""
    children: dict[int, list[int]] = {}
    for i, word in enumerate(sentence.words):
        children.setdefault(word.head, []).append(i)
    for i, word in enumerate(sentence.words):
        if word.deprel == "acl" and any(
            RELATIVE.search(sentence.words[c].feats) for c in children.get(i, [])
        ):
            word.deprel = "acl:relcl"
        elif word.deprel == "flat" and word.upos == "PROPN" and sentence.words[word.head].upos == "PROPN":
            word.deprel = "flat:name"
    return sentence


def gsd_docs(vocab, path: Path, per_doc: int = 10) -> list[Doc]:
    sentences = [harmonize_gsd(s) for s in read_conllu(path)]
    return [sentences_to_doc(vocab, sentences[i : i + per_doc]) for i in range(0, len(sentences), per_doc)]


# EmpiriST's STTS-IBK tags for web and chat phenomena, mapped to the plain STTS of UD German-GSD; the
# contractions ("gibts" = VVPPER) have no single STTS tag and are left unannotated
IBK_TO_STTS = {
    **dict.fromkeys(["PTKIFG", "PTKMA", "PTKMWL"], "ADV"),
    **dict.fromkeys(["EMOASC", "EMOIMG", "HST", "ADR", "URL", "EML", "AKW"], "XY"),
    **dict.fromkeys(["DM", "ONO"], "ITJ"),
    **dict.fromkeys(["VVPPER", "VAPPER", "VMPPER", "KOUSPPER", "PPERPPER", "ADVART"], ""),
}
NO_SPACE_BEFORE = {".", ",", "!", "?", ":", ";", ")", "…"}


def empirist_docs(vocab, path: Path, per_doc: int = 10) -> list[Doc]:
    """EmpiriST's sentences with STTS tags and lemmas only (no UPOS, features or parse: the morphologizer
    and the parser treat them as unannotated)."""
    sentences: list[list[tuple[str, str, str]]] = []
    current: list[tuple[str, str, str]] = []
    for line in open_text(path):
        if line.startswith("</s>"):
            if current:
                sentences.append(current)
            current = []
        elif not line.startswith("<") and line.strip():
            cells = line.rstrip("\n").split("\t")
            current.append((cells[0], IBK_TO_STTS.get(cells[1], cells[1]), cells[5]))
    docs = []
    for i in range(0, len(sentences), per_doc):
        words, tags, lemmas, starts, spaces = [], [], [], [], []
        for sentence in sentences[i : i + per_doc]:
            for j, (word, tag, lemma) in enumerate(sentence):
                words.append(word)
                tags.append(tag)
                lemmas.append(lemma if tag else "")
                starts.append(j == 0)
                following = sentence[j + 1][0] if j + 1 < len(sentence) else ""
                spaces.append(following not in NO_SPACE_BEFORE and word != "(")
        docs.append(Doc(vocab, words=words, spaces=spaces, tags=tags, lemmas=lemmas, sent_starts=starts))
    return docs


def shuffled(docs: list[Doc]) -> list[Doc]:
    docs = list(docs)
    random.Random(0).shuffle(docs)
    return docs


def save(docs: list[Doc], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(docs=docs, store_user_data=False).to_disk(path)
    words = sum(len(d) for d in docs)
    print(f"{path.relative_to(ROOT)}: {len(docs)} docs, {words} tokens")


def paragraphs(text: str) -> Iterator[str]:
    """The non-empty lines of a text, whitespace-normalised."""
    for line in text.splitlines():
        line = " ".join(line.split())
        if line:
            yield line


def save_raw_text(texts: list[str], path: Path) -> None:
    """Unlabelled paragraphs as spaCy JSONL ({"text": ...} per line), for ``spacy pretrain``."""
    lines = list(dict.fromkeys(p for text in texts for p in paragraphs(text)))
    random.Random(0).shuffle(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for line in lines:
            handle.write(json.dumps({"text": line}, ensure_ascii=False) + "\n")
    words = sum(len(line.split()) for line in lines)
    print(f"{path.relative_to(ROOT)}: {len(lines)} paragraphs, {words} words")


def news_de_texts(data: Path) -> list[str]:
    """Article texts of news-de (10kGNAD) and of the SpkAtt-2023 news train split."""
    texts = []
    for line in open_text(data / "news-de" / "10kgnad_test.jsonl.gz"):
        texts.append(json.loads(line)["text"])
    for line in open_text(data / "spkatt2023" / "task2_news" / "train.jsonl.xz"):
        texts.append(json.loads(line)["originalText"])
    return texts


def smartdata_records(path: Path) -> Iterator[dict]:
    text = "".join(open_text(path))
    decoder = json.JSONDecoder()
    i = 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return
        obj, i = decoder.raw_decode(text, i)
        yield obj


def smartdata_docs(nlp, data: Path) -> list[Doc]:
    """SmartData v1 records that are not in the v3 dev/test sets, tokenized by the news tokenizer."""
    folder = data / "ner-de-smartdata"
    held = set()
    for name in ("smartdata_v3_20200302_dev.json.xz", "smartdata_v3_20200302_test.json.xz"):
        held.update(r["id"] for r in smartdata_records(folder / name))
    seen = set()
    docs = []
    for name in ("smartdata_v1_20180119_train.json.xz", "smartdata_v1_20180119_test.json.xz"):
        for record in smartdata_records(folder / name):
            if record["id"] in held or record["id"] in seen:
                continue
            seen.add(record["id"])
            text = (record.get("text") or {}).get("string")
            if not text:
                continue
            doc = nlp.make_doc(text)
            spans = []
            mentions = (record.get("conceptMentions") or {}).get("array") or []
            for mention in mentions:
                label = SMARTDATA_LABELS.get(mention["type"].lower())
                if label is None:
                    continue
                span = doc.char_span(
                    mention["span"]["start"], mention["span"]["end"], label, alignment_mode="expand"
                )
                if span is None:
                    continue
                start, end = span.start, span.end
                while start < end and (doc[start].is_space or doc[start].is_punct):
                    start += 1
                while end > start and (doc[end - 1].is_space or doc[end - 1].is_punct):
                    end -= 1
                if start < end:
                    spans.append(Span(doc, start, end, label))
            spans.sort(key=lambda s: (s.start, -len(s)))
            kept, end = [], -1
            for span in spans:
                if span.start >= end:
                    kept.append(span)
                    end = span.end
            doc.ents = kept
            docs.append(doc)
    return docs


def sentence_windows(tokens: list[tuple[str, str]], size: int = 40) -> Iterator[list[tuple[str, str]]]:
    """Split a token stream without sentence boundaries at sentence-final punctuation (or every ``size``)."""
    current: list[tuple[str, str]] = []
    for token, tag in tokens:
        current.append((token, tag))
        boundary = (token in {".", "!", "?"} and len(current) >= 5) or len(current) >= size
        # never cut inside an entity, unless the window has grown far too long
        if boundary and (tag == "O" or tag.startswith("B") or len(current) >= size * 2):
            yield current
            current = []
    if current:
        yield current


def europeana_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    tokens = []
    for line in open_text(path):
        parts = line.split()
        if len(parts) != 2 or line.startswith("# "):
            continue
        token, tag = parts
        tag = re.sub(r"[_]", "-", tag).upper()
        if tag not in {"O"} and not re.fullmatch(r"[BI]-(PER|LOC|ORG)", tag):
            tag = "O"
        tokens.append((token, tag))
    yield from sentence_windows(tokens)


def hipe_sentences(path: Path) -> Iterator[list[tuple[str, str]]]:
    """HIPE-2022 TSV: TOKEN, NE-COARSE-LIT, ...; MISC has EndOfSentence / NoSpaceAfter."""
    sentence: list[tuple[str, str]] = []
    header = None
    for line in open_text(path):
        line = line.rstrip("\n")
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if header is None:
            header = parts
            continue
        if parts[0] == "TOKEN":
            continue
        row = dict(zip(header, parts, strict=False))
        sentence.append((row["TOKEN"], row.get("NE-COARSE-LIT", "O")))
        if "EndOfSentence" in row.get("MISC", "") or len(sentence) >= 80:
            yield sentence
            sentence = []
    if sentence:
        yield sentence


def convert_de(data: Path, out: Path, extra_ner: list[str]) -> None:
    nlp = spacy.blank("de")
    nlp.tokenizer = news_tokenizer(nlp)
    gsd = data / "ud-german-gsd"
    gsd_train = gsd_docs(nlp.vocab, gsd / "de_gsd-ud-test.conllu.xz")
    gsd_dev = gsd_docs(nlp.vocab, gsd / "de_gsd-ud-dev.conllu.xz")
    # EmpiriST adds STTS tags and lemmas of web and chat text (no UPOS, features or parse)
    empirist = empirist_docs(nlp.vocab, data / "pos-de-empirist" / "empirist.vrt.xz")
    save(shuffled(gsd_train + empirist), out / "syntax-train.spacy")
    save(gsd_dev, out / "syntax-dev.spacy")
    # the final syntax model is trained on both GSD splits and EmpiriST with the settings tuned on dev
    save(shuffled(gsd_train + gsd_dev + empirist), out / "syntax-train-dev.spacy")

    germeval = data / "ner-de-germeval2014"
    read = dict(token_col=1, tag_col=2, comment="#\t")
    train = list(
        tagged_docs(nlp.vocab, read_token_tags(germeval / "NER-de-test.tsv.xz", **read), GERMEVAL_LABELS)
    )
    save(
        list(
            tagged_docs(nlp.vocab, read_token_tags(germeval / "NER-de-dev.tsv.xz", **read), GERMEVAL_LABELS)
        ),
        out / "ner-dev.spacy",
    )
    sources = {"germeval": train}
    if "smartdata" in extra_ner:
        sources["smartdata"] = smartdata_docs(nlp, data)
    if "mobie" in extra_ner:
        mobie = data / "ner-de-mobie" / "train.conll2003.xz"
        labels = {k: v for k, v in SMARTDATA_LABELS.items()}
        sources["mobie"] = list(
            tagged_docs(
                nlp.vocab, read_token_tags(mobie, token_col=0, tag_col=3, comment="-DOCSTART-"), labels
            )
        )
    if "europeana" in extra_ner:
        docs = []
        for name in ("enp_DE.lft.bio.xz", "enp_DE.onb.bio.xz"):
            docs += tagged_docs(
                nlp.vocab, europeana_sentences(data / "ner-de-europeana-newspapers" / name), CORE_LABELS
            )
        sources["europeana"] = docs
    if "hipe" in extra_ner:
        folder = data / "ner-de-hipe2022-newseye-sonar"
        docs = []
        for name in (
            "HIPE-2022-v2.1-newseye-test-de.tsv.xz",
            "HIPE-2022-v2.1-sonar-test-de.tsv.xz",
            "HIPE-2022-v2.1-newseye-dev-de.tsv.xz",
            "HIPE-2022-v2.1-sonar-dev-de.tsv.xz",
        ):
            docs += tagged_docs(nlp.vocab, hipe_sentences(folder / name), CORE_LABELS)
        sources["hipe"] = docs
    if "ler" in extra_ner:
        # German court decisions (legal domain): the fine-grained classes folded into PER/LOC/ORG/MISC,
        # norms, decisions, contracts and literature left out (O)
        folder = data / "ner-de-legal-ler"
        docs = []
        for name in ("ler_dev.conll.xz", "ler_test.conll.xz"):
            docs += tagged_docs(
                nlp.vocab,
                read_token_tags(folder / name, token_col=0, tag_col=1, sep=" ", comment=None),
                LER_LABELS,
            )
        sources["ler"] = docs[::4]  # a quarter (~110k tokens): the legal text would otherwise outweigh news
    if "ehri" in extra_ner:
        ehri = data / "ner-de-ehri" / "ehri_de.txt.xz"
        sources["ehri"] = list(
            tagged_docs(
                nlp.vocab, read_token_tags(ehri, token_col=0, tag_col=1, sep=" ", comment=None), CORE_LABELS
            )
        )
    docs = []
    for name, items in sources.items():
        print(f"  ner source {name}: {len(items)} docs, {sum(len(d) for d in items)} tokens")
        docs += items
    docs = shuffled(docs)
    save(docs, out / "ner-train.spacy")
    # unlabelled text for pretraining the tok2vec: news articles and the training sets' own sentences
    # (not the tuning sets' and never the PUD files)
    labelled = gsd_train + empirist + docs
    save_raw_text(news_de_texts(data) + [doc.text for doc in labelled], out / "raw-text.jsonl")


def convert_en(data: Path, out: Path) -> None:
    nlp = spacy.blank("en")
    nlp.tokenizer = news_tokenizer(nlp)
    ewt = data / "ud-english-ewt"
    save(list(conllu_docs(nlp.vocab, ewt / "en_ewt-ud-train.conllu.xz")), out / "ewt-train.spacy")
    save(list(conllu_docs(nlp.vocab, ewt / "en_ewt-ud-dev.conllu.xz")), out / "ewt-dev.spacy")
    # UNER EWT: only dev is available for training (test is the evaluation); documents are the unit,
    # every 7th document is kept apart for tuning.
    path = data / "ner-en-uner-ewt" / "en_ewt-ud-dev.iob2.xz"
    by_doc: dict[str, list[list[tuple[str, str]]]] = {}
    for sentence, sent_id in _iob2_with_ids(path):
        by_doc.setdefault(sent_id.rsplit("-", 1)[0], []).append(sentence)
    train, dev = [], []
    for i, (_, sentences) in enumerate(sorted(by_doc.items())):
        (dev if i % 7 == 0 else train).extend(sentences)
    save(list(tagged_docs(nlp.vocab, train, CORE_LABELS)), out / "ner-train.spacy")
    save(list(tagged_docs(nlp.vocab, dev, CORE_LABELS)), out / "ner-dev.spacy")


def _iob2_with_ids(path: Path) -> Iterator[tuple[list[tuple[str, str]], str]]:
    sentence: list[tuple[str, str]] = []
    sent_id = ""
    for line in open_text(path):
        line = line.rstrip("\n")
        if line.startswith("# sent_id"):
            sent_id = line.split("=", 1)[1].strip()
        elif line.startswith("#"):
            continue
        elif not line.strip():
            if sentence:
                yield sentence, sent_id
            sentence = []
        else:
            parts = line.split("\t")
            sentence.append((parts[1], parts[2]))
    if sentence:
        yield sentence, sent_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("lang", choices=["de", "en"])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--extra-ner", default="smartdata", help="comma-separated extra German NER sets")
    args = parser.parse_args()
    out = ROOT / "corpus" / args.lang
    if args.lang == "de":
        convert_de(args.data, out, [x for x in args.extra_ner.split(",") if x])
    else:
        convert_en(args.data, out)


if __name__ == "__main__":
    main()
