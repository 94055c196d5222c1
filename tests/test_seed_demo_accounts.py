"""`seed_demo_data --demo-accounts` (what `make run` does): demo sign-ins and a demo queue, in
development only, with the passwords printed once."""

import re
from io import StringIO

import pytest
from allauth.account.models import EmailAddress
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.models import User
from partnerships.management.demo_accounts import CONTRIBUTOR_EMAIL, EDITOR_EMAIL
from partnerships.models import ModerationEvent, Organisation, Partnership

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo_data", stdout=out, **options)
    return out.getvalue()


@pytest.fixture
def development(settings):
    settings.DEBUG = True


def password_of(output: str, email: str) -> str:
    return re.search(rf"{re.escape(email)}  password: (\S+)", output).group(1)


def test_refused_outside_development_and_nothing_created(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="development only"):
        seed(demo_accounts=True)
    assert not User.objects.exists()
    assert not Partnership.objects.exists()


def test_plain_seeding_creates_no_accounts(development):
    seed()
    assert not User.objects.exists()
    assert not Partnership.objects.exclude(status=Partnership.Status.PUBLISHED).exists()


def test_creates_a_verified_editor_and_contributor_and_prints_their_details_once(development):
    output = seed(demo_accounts=True)
    editor = User.objects.get(email=EDITOR_EMAIL)
    contributor = User.objects.get(email=CONTRIBUTOR_EMAIL)
    assert editor.is_staff and editor.groups.filter(name="Editors").exists()
    assert not contributor.is_staff and not contributor.groups.exists()
    assert not editor.is_superuser
    for user in (editor, contributor):
        assert EmailAddress.objects.get(user=user).verified
        assert user.check_password(password_of(output, user.email))
    assert password_of(output, EDITOR_EMAIL) != password_of(output, CONTRIBUTOR_EMAIL)

    again = seed(demo_accounts=True)
    assert "password" not in again
    assert User.objects.count() == 2
    assert editor.check_password(password_of(output, EDITOR_EMAIL))


def test_the_demo_editor_can_sign_in_on_the_sign_in_page(development, client):
    output = seed(demo_accounts=True)
    response = client.post(
        reverse("account_login"),
        {"login": EDITOR_EMAIL, "password": password_of(output, EDITOR_EMAIL)},
    )
    assert response.status_code == 302
    assert client.session.get("_auth_user_id") == str(User.objects.get(email=EDITOR_EMAIL).pk)


def test_queues_a_new_submission_and_a_revision_of_a_published_case_study(development):
    seed(demo_accounts=True)
    contributor = User.objects.get(email=CONTRIBUTOR_EMAIL)
    queue = list(Partnership.objects.awaiting_review())
    assert len(queue) == 2
    assert all(p.submitted_by == contributor and p.submitted_at for p in queue)
    new = next(p for p in queue if p.revision_of is None)
    revision = next(p for p in queue if p.revision_of is not None)

    assert new.title == "Cheshire: Transforming Community Safety"
    assert new.members.get(role="lead").organisation.slug == "cheshire-fire-and-rescue-service"
    assert new.sources.count() == 3
    assert Organisation.objects.get(slug="cheshire-east-council").is_confirmed is False

    live = revision.revision_of
    assert live.slug == "police-carriage-of-naloxone"
    assert live.status == Partnership.Status.PUBLISHED
    assert "Greater Norwich" in revision.approach and "Greater Norwich" not in live.approach
    assert revision.police_force_areas.filter(slug="norfolk").exists()
    assert not live.police_force_areas.filter(slug="norfolk").exists()
    assert revision.sources.count() == live.sources.count() + 1

    for p in queue:
        assert ModerationEvent.objects.filter(
            partnership=p, to_status=Partnership.Status.SUBMITTED, actor=contributor
        ).exists()
    # Seeding again queues nothing more.
    seed(demo_accounts=True)
    assert Partnership.objects.awaiting_review().count() == 2


def test_demo_queue_appears_on_the_editors_moderation_page(development, client):
    output = seed(demo_accounts=True)
    client.login(email=EDITOR_EMAIL, password=password_of(output, EDITOR_EMAIL))
    html = client.get(reverse("moderation:queue")).content.decode()
    assert "Cheshire: Transforming Community Safety" in html
    assert "Police carriage of naloxone" in html


def test_a_database_without_the_demo_content_gets_the_accounts_only(development):
    call_command("loaddata", "regions_and_forces.json", "themes.json", stdout=StringIO())
    output = seed(demo_accounts=True)
    assert "nothing loaded" in output
    assert User.objects.filter(email__in=[EDITOR_EMAIL, CONTRIBUTOR_EMAIL]).count() == 2
    assert not Partnership.objects.exists()
