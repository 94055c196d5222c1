"""fixtures/demo_replication.json: the replication fields the facts give, per demo case study.

The fields (funding, cost band, staffing, level of prevention, referral route, what you'd need to
replicate it) are being added to the model on another branch; the integrator folds this file into
the fixtures after the merge. Until then it must name real case studies, known fields and valid
choices.
"""

import json

from django.conf import settings

from tests.content.test_demo_facts import demo_objects

FIELDS = {
    "funding",
    "cost_band",
    "staffing",
    "prevention_level",
    "referral_route",
    "replication_needs",
}
COST_BANDS = {"under_50k", "50k_250k", "250k_1m", "over_1m", "not_known"}
PREVENTION_LEVELS = {"primary", "secondary", "tertiary"}


def test_replication_sidecar_names_case_studies_fields_and_choices_that_exist():
    sidecar = json.loads((settings.BASE_DIR / "fixtures" / "demo_replication.json").read_text())
    slugs = {p["slug"] for p in demo_objects("partnerships.partnership")}
    assert len(sidecar) >= 15
    for slug, fields in sidecar.items():
        assert slug in slugs, slug
        assert fields and set(fields) <= FIELDS, slug
        assert all(isinstance(v, str) and v.strip() for v in fields.values()), slug
        assert fields.get("cost_band", "not_known") in COST_BANDS, slug
        assert fields.get("prevention_level", "primary") in PREVENTION_LEVELS, slug
