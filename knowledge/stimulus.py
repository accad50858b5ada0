"""The leg ledger's scale: the kinds of training it counts, what one unit of each is, and the
bounds a stimulus weight must keep. The model (knowledge.models.StimulusWeight), the loader and
the tracker's ledger all read these; each message is written once, here."""

import math

from django.db import models

# One sentence, shown on the Progress page and the muscle pages; the article says it at length.
SCALE_SENTENCE = (
    "One stimulus point is what one hard strength set gives the muscle it mainly trains; a "
    "minute of running or cycling earns the fraction of a point that the guide's weights give it."
)
# Where the guide explains the scale and the weights (a section of that article).
ARTICLE_SLUG = "tracking-your-progress"
ARTICLE_ANCHOR = "leg-ledger"


class Kind(models.TextChoices):
    HARD_RUNNING = "hard_running", "Hard running"
    EASY_RUNNING = "easy_running", "Easy running"
    HILLS = "hills", "Hills"
    STRENGTH_PRIMARY = "strength_primary", "Strength, main muscle"
    STRENGTH_ASSISTING = "strength_assisting", "Strength, assisting"
    CYCLING = "cycling", "Cycling"


MINUTE, SET = "minute", "set"
PER = {
    Kind.HARD_RUNNING: MINUTE,
    Kind.EASY_RUNNING: MINUTE,
    Kind.HILLS: MINUTE,
    Kind.STRENGTH_PRIMARY: SET,
    Kind.STRENGTH_ASSISTING: SET,
    Kind.CYCLING: MINUTE,
}
# A minute worth half a hard set, or one set worth three, is beyond anything the guide argues
# for: a weight above these is a typing slip (0.5 for 0.05), not a view of the evidence.
MOST_POINTS = {MINUTE: 0.5, SET: 3.0}


def in_kind_order():
    """An order_by() expression listing weights in the order of Kind, not alphabetically."""
    return models.Case(
        *(models.When(kind=kind, then=models.Value(i)) for i, kind in enumerate(Kind)),
        output_field=models.IntegerField(),
    )


def weight_problems(
    *, kind: str, weight: float | None, evidence_grade: str, citation: str, rationale: str
) -> dict[str, str]:
    """Field name -> message for every way a weight breaks the rules; empty when it is fine."""
    problems = {}
    per = PER.get(kind)
    if weight is not None and not math.isfinite(weight):
        problems["weight"] = "Give a number of points."
    elif weight is not None and weight < 0:
        problems["weight"] = (
            "A weight cannot be negative: 0 means this training gives the muscle nothing."
        )
    elif weight is not None and per is not None and weight > MOST_POINTS[per]:
        problems["weight"] = (
            f"At most {MOST_POINTS[per]:g} points per {per}: one hard strength set is 1 point, "
            f"so more than that per {per} is almost certainly a slip."
        )
    if evidence_grade == "rule_of_thumb":
        if not rationale.strip():
            problems["rationale"] = "Say why this rule of thumb is used."
    elif not citation.strip():
        problems["citation"] = "Cite the research, or label the weight a rule of thumb."
    return problems
