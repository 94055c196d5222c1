"""The replication facts (funding, cost band, staffing, level of prevention, referral route, what
you'd need to replicate it) that the facts files give, in the demo case studies."""

from partnerships.models import Partnership
from tests.content.test_demo_facts import demo_objects

FIELDS = {
    "funding",
    "cost_band",
    "staffing",
    "prevention_level",
    "referral_route",
    "replication_needs",
}


def test_demo_case_studies_carry_replication_facts_with_valid_choices():
    filled = [p for p in demo_objects("partnerships.partnership") if FIELDS & set(p)]
    assert len(filled) >= 15
    cost_bands = set(Partnership.CostBand.values)
    levels = set(Partnership.PreventionLevel.values)
    for p in filled:
        for field in FIELDS & set(p):
            assert isinstance(p[field], str) and p[field].strip(), (p["slug"], field)
        assert p.get("cost_band", "not_known") in cost_bands, p["slug"]
        assert p.get("prevention_level", "primary") in levels, p["slug"]
