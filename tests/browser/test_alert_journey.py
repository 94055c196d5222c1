"""An e-mail alert, end to end in a real browser with axe-core on every page of ours:

subscribe to a filtered finder view -> confirm from the test mailbox -> an editor publishes a
matching case study -> the periodic job sends the alert with that case study -> its unsubscribe
link works.
"""

import re
from io import StringIO
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from accounts.models import User
from alerts.models import Subscription
from partnerships.models import Partnership
from tests import factories
from themes.models import Theme

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TITLE = "Mental health nurses in the control room"


@pytest.fixture
def site(live_server, settings):
    call_command("seed_demo_data", stdout=StringIO())
    settings.SITE_URL = live_server.url  # links in e-mail point at the test server
    editor = User.objects.create_user("eddie.editor@example.org", "an-editors-password-9")
    editor.groups.add(Group.objects.get_or_create(name="Editors")[0])
    EmailAddress.objects.create(user=editor, email=editor.email, verified=True, primary=True)
    waiting = factories.complete_draft(title=TITLE, summary="Nurses answer calls beside officers.")
    waiting.themes.set([Theme.objects.get(slug="mental-health")])
    Partnership.objects.filter(pk=waiting.pk).update(status="submitted")
    return live_server.url


def checked(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]


def path_in(message, name):
    url = next(u for u in re.findall(r"https?://\S+", message.body) if f"/{name}/" in u)
    return urlsplit(url).path


def test_subscribe_confirm_publish_receive_unsubscribe(page, site, axe_violations):
    page.goto(site + "/partnerships/?theme=mental-health")
    page.get_by_role(
        "link", name="Get e-mails when new case studies like these are published"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Get e-mails when new case studies like these are published"
    )
    expect(page.locator("#search-description")).to_have_text("Theme: Mental health and crisis care")
    checked(page, axe_violations)
    page.get_by_role("button", name="Continue").click()  # nothing filled in
    expect(page.get_by_text("Enter your e-mail address").first).to_be_visible()
    checked(page, axe_violations)
    page.get_by_label("E-mail address").fill("reader@example.org")
    page.get_by_label("As they are published").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    checked(page, axe_violations)

    (confirmation,) = mail.outbox
    page.goto(site + path_in(confirmation, "confirm"))
    checked(page, axe_violations)
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your alert is confirmed")
    checked(page, axe_violations)
    mail.outbox.clear()

    # An editor publishes a matching case study.
    page.goto(site + "/accounts/login/")
    page.get_by_label("Email address").fill("eddie.editor@example.org")
    page.get_by_label("Password", exact=True).fill("an-editors-password-9")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(lambda url: "/accounts/login/" not in url)  # signed in before going on
    page.goto(site + "/moderation/")
    page.get_by_role("link", name=TITLE).click()
    page.get_by_label(re.compile("^Level 2")).check()
    page.get_by_role("button", name="Publish", exact=True).click()
    expect(page.get_by_text("is published")).to_be_visible()
    page.get_by_role("button", name="Sign out").click()
    mail.outbox.clear()  # the decision e-mail to the submitter (there is none here) aside

    call_command("run_periodic_jobs", stdout=StringIO())
    (alert,) = mail.outbox
    assert alert.to == ["reader@example.org"]
    assert TITLE in alert.subject and TITLE in alert.body
    assert TITLE in alert.alternatives[0][0]
    assert alert.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    page.goto(site + path_in(alert, "partnerships"))
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)

    page.goto(site + path_in(alert, "unsubscribe"))
    checked(page, axe_violations)
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You have unsubscribed")
    checked(page, axe_violations)
    assert not Subscription.objects.exists()
