"""Shared steps for the alert tests: subscribe, read links out of e-mail, publish."""

import re
from urllib.parse import urlsplit

from django.core import mail
from django.test import TestCase
from django.urls import reverse

from partnerships import services
from partnerships.models import Partnership
from tests import factories


def committed():
    """Run the on-commit callbacks (e-mail tasks) registered inside, as a real commit would."""
    return TestCase.captureOnCommitCallbacks(execute=True)


def links_in(message) -> list[str]:
    return re.findall(r"https?://[^\s<>\"]+", message.body)


def link_to(message, name: str) -> str:
    """The path of the first link in the message whose address contains `/alerts/<name>/`."""
    for url in links_in(message):
        if f"/{name}/" in url:
            return urlsplit(url).path
    raise AssertionError(f"No {name} link in {message.body}")


def subscribe(
    client, email="reader@example.org", frequency="immediate", page="/partnerships/", **params
):
    query = {"page": page, **params}
    get = client.get(reverse("alerts:subscribe"), query)
    assert get.status_code == 200
    form = get.context["form"]
    with committed():
        return client.post(
            reverse("alerts:subscribe"),
            {
                "email": email,
                "frequency": frequency,
                "page": form.initial["page"],
                "params": form.initial["params"],
            },
        )


def subscribe_and_confirm(client, **kwargs):
    mail.outbox.clear()
    response = subscribe(client, **kwargs)
    assert response.status_code == 302
    (message,) = mail.outbox
    response = client.post(link_to(message, "confirm"))
    assert response.status_code == 200
    mail.outbox.clear()


def publish(editor_user, themes=(), **fields) -> Partnership:
    """A submitted case study published by an editor, as the moderation page does it."""
    p = factories.partnership(status=Partnership.Status.SUBMITTED, published_at=None, **fields)
    p.themes.add(*themes)
    with committed():
        services.publish(p, by=editor_user, evidence_rating=2)
    p.refresh_from_db()
    return p
