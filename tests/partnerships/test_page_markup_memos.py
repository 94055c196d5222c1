"""Markup remembered under the keys the pages' data is remembered under (the organisations
index's tables, an organisation's own part and the case studies in its area), dressed search
cards and parsed search words: a published change shows at once, someone signed in is given the
page as it is now, and nothing remembered is shared in a way one request could change."""

import pytest
from django.urls import reverse

from partnerships import cards, search
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_signed_in_editor_sees_an_organisation_confirmed_a_moment_ago(anonymous, editor):
    url = reverse("partnerships:organisations")
    assert anonymous.get(url).context["list_key"] is not None  # remembered for visitors
    response = editor.get(url)
    assert response.context["list_key"] is None  # never for someone signed in
    factories.organisation(name="Brand New Trust")  # the change stamp does not watch it
    assert "Brand New Trust" in editor.get(url).content.decode()


def test_a_visitor_sees_a_new_case_study_in_a_police_force_area_at_once(anonymous):
    force = factories.police_force(name="Kent Police", slug="kent")
    factories.member(factories.partnership(title="Kent partnership"), force)
    url = force.get_absolute_url()
    assert anonymous.get(url).context["organisation_key"] is not None
    assert "Margate Task Force" not in anonymous.get(url).content.decode()
    factories.partnership(title="Margate Task Force").police_force_areas.add(force)
    html = anonymous.get(url).content.decode()
    assert "Case studies in its police force area" in html
    assert "Margate Task Force" in html


def test_an_organisation_no_case_study_names_is_never_remembered_as_markup(anonymous):
    charity = factories.organisation(name="Quiet Charity")
    assert anonymous.get(charity.get_absolute_url()).context["organisation_key"] is None


def test_a_dressed_card_is_the_same_card_for_the_same_passage_and_role():
    plain = cards.Card(1, "Title", "/p/", "A summary", None, "2020", "", "", "", (), ())
    equal = cards.Card(1, "Title", "/p/", "A summary", None, "2020", "", "", "", (), ())
    assert plain == equal and hash(plain) == hash(equal)
    first = cards._dressed([plain], None, None, {1: "Lead partner"})
    again = cards._dressed([equal], None, None, {1: "Lead partner"})
    assert first[0] is again[0]
    assert first[0].role_here == "Lead partner" and plain.role_here == ""
    other = cards._dressed([plain], None, None, {1: "Evaluator"})
    assert other[0].role_here == "Evaluator"


def test_each_search_has_its_own_notices():
    first = search.prepare("x" * 600)
    assert first.notices
    first.notices.append("changed by one request")
    assert search.prepare("x" * 600).notices == first.notices[:-1]
