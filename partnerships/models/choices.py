"""The fixed lists a case study's fields choose from, with their labels (and hints where the
submission pages show them)."""

from django.db import models

# Maryland Scientific Methods Scale, in plain English (shown on the about page and next to ratings).
EVIDENCE_LEVELS = {
    0: ("Not rated", "Editors have not rated the strength of the evidence."),
    1: (
        "Level 1",
        "A before-and-after measurement, or a comparison with people who did not take part, "
        "with no control for other differences.",
    ),
    2: (
        "Level 2",
        "As level 1, but taking account of other differences between the groups compared.",
    ),
    3: (
        "Level 3",
        "Change measured before and after in the people who took part and in a suitable "
        "comparison group.",
    ),
    4: (
        "Level 4",
        "A comparison that is close to random, such as a natural experiment, or a closely "
        "matched comparison group.",
    ),
    5: ("Level 5", "A randomised controlled trial."),
}


class PartnershipWorkState(models.TextChoices):
    PILOT = "pilot", "Pilot"
    ONGOING = "ongoing", "Ongoing"
    ENDED = "ended", "Ended"


class PartnershipScale(models.TextChoices):
    LOCAL = "local", "Local"
    REGIONAL = "regional", "Regional"
    NATIONAL = "national", "National"


class PartnershipEvaluationType(models.TextChoices):
    NOT_EVALUATED = "not_evaluated", "Not evaluated"
    MONITORING = "monitoring", "Monitoring data"
    PROCESS = "process", "Process or qualitative evaluation"
    BEFORE_AFTER = "before_after", "Before-and-after study"
    COMPARISON = "comparison", "Comparison group study"
    RCT = "rct", "Randomised controlled trial"
    SYSTEMATIC_REVIEW = "systematic_review", "Systematic review"


class PartnershipFinding(models.TextChoices):
    POSITIVE = "positive", "Positive"
    MIXED = "mixed", "Mixed"
    NO_EFFECT = "no_effect", "No effect"
    NEGATIVE = "negative", "Negative"
    TOO_EARLY = "too_early", "Too early to tell"


class ConflictOfInterest(models.TextChoices):
    NONE = "none", "No"
    DECLARED = "declared", "Yes"


class PartnershipEvidenceRating(models.IntegerChoices):
    NOT_RATED = 0, "Not rated"
    LEVEL_1 = 1, "Level 1"
    LEVEL_2 = 2, "Level 2"
    LEVEL_3 = 3, "Level 3"
    LEVEL_4 = 4, "Level 4"
    LEVEL_5 = 5, "Level 5"


class CostBand(models.TextChoices):
    """What the work costs a year, in bands (a replication fact)."""

    UNDER_50K = "under_50k", "Under £50,000 a year"
    FROM_50K_TO_250K = "50k_250k", "£50,000 to £250,000"
    FROM_250K_TO_1M = "250k_1m", "£250,000 to £1 million"
    OVER_1M = "over_1m", "Over £1 million"
    NOT_KNOWN = "not_known", "Not known"


class PreventionLevel(models.TextChoices):
    """The classic public health levels of prevention (reference_and_taxonomies.md, 3.2)."""

    PRIMARY = "primary", "Primary prevention"
    SECONDARY = "secondary", "Secondary prevention"
    TERTIARY = "tertiary", "Tertiary prevention"


# Plain-English hints shown beside each level on the submission page and the public page.
PREVENTION_LEVEL_HINTS = {
    PreventionLevel.PRIMARY: "Stopping harm before it happens, for example for everyone in an "
    "area or for groups at higher risk.",
    PreventionLevel.SECONDARY: "Responding early or straight away, to stop harm happening again "
    "or getting worse.",
    PreventionLevel.TERTIARY: "Long-term work after harm has happened, such as recovery, "
    "rehabilitation or reducing reoffending.",
}
