"""The admin is a back office for editors: every changelist and change form opens."""

import datetime

import pytest
from django.contrib import admin
from django.test import RequestFactory
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def admin_urls_for_every_model(obj_by_model, user):
    request = RequestFactory().get("/admin/")
    request.user = user
    for model, model_admin in admin.site._registry.items():
        meta = model._meta
        yield reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
        # Records that only the service writes (task results, e-mails sent) have no add form.
        if model_admin.has_add_permission(request):
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_add")
        obj = obj_by_model.get(model)
        if obj is not None:
            yield reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[obj.pk])


def test_superuser_opens_every_admin_page(superuser, superuser_user):
    p = factories.full_partnership()
    objects = {
        type(p): p,
        type(p.themes.first()): p.themes.first(),
        type(p.population_groups.first()): p.population_groups.first(),
        type(p.members.first().organisation): p.members.first().organisation,
        type(factories.region()): factories.region(),
        type(superuser_user): superuser_user,
    }
    urls = list(admin_urls_for_every_model(objects, superuser_user))
    assert len(urls) >= 15
    for url in urls:
        response = superuser.get(url)
        assert response.status_code == 200, url


def test_admin_search_and_filters_work(superuser):
    factories.full_partnership(title="Street triage")
    factories.partnership(title="Checkpoint", status="draft")
    url = reverse("admin:partnerships_partnership_changelist")
    assert superuser.get(url, {"q": "triage"}).context["cl"].result_count == 1
    assert superuser.get(url, {"status__exact": "draft"}).context["cl"].result_count == 1


def test_editor_can_edit_case_studies_but_not_users(editor):
    p = factories.full_partnership()
    assert (
        editor.get(reverse("admin:partnerships_partnership_change", args=[p.pk])).status_code == 200
    )
    assert editor.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_contributor_cannot_reach_the_admin(contributor):
    response = contributor.get(reverse("admin:partnerships_partnership_changelist"))
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_the_workflow_cannot_be_bypassed_in_the_admin(superuser):
    p = factories.partnership(status="submitted")
    url = reverse("admin:partnerships_partnership_change", args=[p.pk])
    form = superuser.get(url).context["adminform"].form
    assert "status" not in form.fields and "published_at" not in form.fields
    assert "title" in form.fields


def test_editor_sees_and_sets_when_the_review_is_due(editor):
    p = factories.full_partnership(review_due_on=datetime.date(2027, 3, 31))
    changelist = editor.get(reverse("admin:partnerships_partnership_changelist"))
    assert "Review due" in changelist.content.decode()
    assert changelist.context["cl"].list_display[-1] == "review_due_on"
    assert "2027" in changelist.content.decode()
    form = (
        editor.get(reverse("admin:partnerships_partnership_change", args=[p.pk]))
        .context["adminform"]
        .form
    )
    # Editable (the editors' "Due for review" page sets it too); empty means 12 months on.
    assert "review_due_on" in form.fields and not form.fields["review_due_on"].required
    assert form.initial["review_due_on"] == datetime.date(2027, 3, 31)
