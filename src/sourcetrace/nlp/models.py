"""The spaCy pipelines bundled with sourcetrace: what they are, their licence and their measured accuracy.

``list_models()`` reads each pipeline folder's ``meta.json`` (written at training time; the "performance"
block is filled in by ``bench/backbone.py``) and points to its ``MODEL_CARD.md``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MODELS_DIR = Path(__file__).resolve().parent.parent / "models"

# meta.json "performance" keys shown as accuracy figures, in the order a listing shows them
ACCURACY_KEYS = ("pos_acc", "morph_acc", "lemma_acc", "dep_uas", "dep_las", "ents_p", "ents_r", "ents_f")


def list_models(models_dir: Path = MODELS_DIR) -> list[dict[str, Any]]:
    """One dict per bundled pipeline, sorted by name.

    Keys: ``name`` (e.g. "de_sourcetrace_news"), ``lang``, ``version``, ``license``, ``description``,
    ``components``, ``path``, ``card`` (path of MODEL_CARD.md or None), ``size_mb``, ``sources`` (training
    data with licences), ``accuracy`` ({metric: value in 0..1} as measured, empty when never measured),
    ``evaluated_on`` ({"syntax": ..., "ner": ...}), ``words_per_second`` (or None).
    """
    models = []
    if not models_dir.is_dir():
        return models
    for folder in sorted(models_dir.iterdir()):
        meta_path = folder / "meta.json"
        if not folder.is_dir() or not meta_path.exists():
            continue
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        performance = meta.get("performance") or {}
        card = folder / "MODEL_CARD.md"
        models.append(
            {
                "name": f"{meta.get('lang', '')}_{meta.get('name', folder.name)}",
                "lang": meta.get("lang"),
                "version": meta.get("version"),
                "license": meta.get("license"),
                "description": meta.get("description", ""),
                "components": list(meta.get("pipeline", [])),
                "path": str(folder),
                "card": str(card) if card.exists() else None,
                "size_mb": round(_size_mb(folder), 1),
                "sources": list(meta.get("sources", [])),
                "accuracy": {
                    k: performance[k] for k in ACCURACY_KEYS if isinstance(performance.get(k), int | float)
                },
                "evaluated_on": {
                    k: performance[v]
                    for k, v in (("syntax", "syntax_eval"), ("ner", "ner_eval"))
                    if v in performance
                },
                "words_per_second": performance.get("words_per_second"),
            }
        )
    return models


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6
