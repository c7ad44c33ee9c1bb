"""The attribution engine's working record of one statement, richer than the public ``Statement``.

Rules produce ``Attribution`` objects (token offsets into the Doc); the component turns them into
``Statement`` objects, and the benchmark reads their corpus-style spans (``message``, ``frame``, ``form``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Forms of speech (SpkAtt-2023 / Wikinews quotation corpus)
DIRECT = "Direct"
INDIRECT = "Indirect"
FREE_INDIRECT = "FreeIndirect"
INDIRECT_FREE_INDIRECT = "IndirectFreeIndirect"
REPORTED = "Reported"


@dataclass
class Attribution:
    form: str
    kind: str  # direct | indirect | mixed | according_to (the record's kind)
    content: tuple[int, int]  # token range of what was said (without quote marks)
    message: list[int]  # token ids of the message as the corpus marks it (quote marks, sentence, gaps)
    cue: list[int] = field(default_factory=list)
    speaker: tuple[int, int] | None = None  # token range of the speaker mention
    # the corpus-style source where it is wider than the speaker ("Geoff Garin, a Democratic pollster,")
    source_span: tuple[int, int] | None = None
    frame: list[int] = field(default_factory=list)
    fragments: list[tuple[int, int]] = field(default_factory=list)  # quoted parts of indirect content
    relays: list[tuple[int, int]] = field(default_factory=list)  # token ranges naming relays
    inherit_from: int | None = None  # index of the attribution whose speaker/relays this one continues
    confidence: float = 0.8
    rule: str = ""
    # filled by resolution
    speaker_entity: str | None = None
    speaker_name: str = ""
    via: list[tuple[str, str | None]] = field(default_factory=list)
