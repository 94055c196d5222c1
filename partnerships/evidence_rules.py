"""The editors' rating rule: the highest evidence rating each kind of evaluation can earn.

The Maryland levels (EVIDENCE_LEVELS) describe study designs, so the kind of evaluation a case
study reports caps the rating an editor can give it: level 1 is a before-and-after measurement of
the people who took part, with no control for other differences. The About page shows this rule
(templates/pages/about_rating_rule.html) and the content tests hold the demo data to it.
"""

from partnerships.models import Partnership

EvaluationType = Partnership.EvaluationType

# Evaluation type -> (highest rating, what the About page says).
RATING_CEILINGS: dict[str, tuple[int, str]] = {
    EvaluationType.NOT_EVALUATED: (0, "not rated."),
    EvaluationType.MONITORING: (1, "at most level 1, and usually not rated."),
    EvaluationType.PROCESS: (
        1,
        "at most level 1, and usually not rated: it shows how the work was done, not what it "
        "changed.",
    ),
    EvaluationType.BEFORE_AFTER: (
        1,
        "level 1. Level 2 only where the study took account of other differences, for example "
        "with control variables or matching.",
    ),
    EvaluationType.COMPARISON: (
        4,
        "at most level 4: level 3 for a comparison group measured before and after, level 4 "
        "for a comparison close to random or closely matched.",
    ),
    EvaluationType.RCT: (5, "up to level 5."),
    EvaluationType.SYSTEMATIC_REVIEW: (
        5,
        "rated by the strongest design among the studies it includes, up to level 5.",
    ),
}

# A before-and-after study that controlled for other differences may be rated level 2.
BEFORE_AFTER_WITH_CONTROLS = 2


def highest_rating(evaluation_type: str, *, controls_recorded: bool = False) -> int:
    """The highest rating an editor may give an evaluation of this type."""
    ceiling = RATING_CEILINGS[evaluation_type][0]
    if evaluation_type == EvaluationType.BEFORE_AFTER and controls_recorded:
        return BEFORE_AFTER_WITH_CONTROLS
    return ceiling


def rating_rule() -> list[tuple[str, str]]:
    """(evaluation type label, highest rating in words), in the order of the choices."""
    return [(label, RATING_CEILINGS[value][1]) for value, label in EvaluationType.choices]
