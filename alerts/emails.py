"""The alert e-mails: the confirmation (double opt-in) and the alert itself, with its links."""

from django.urls import reverse

from alerts.models import Subscription
from jobs import links
from jobs.mail import render

MANAGE_LINK_DAYS = 90


def absolute(path: str) -> str:
    from django.conf import settings

    return settings.SITE_URL + path


def confirm_url(subscription: Subscription) -> str:
    token = links.make("alert-confirm", [subscription.pk, subscription.email])
    return absolute(reverse("alerts:confirm", args=[token]))


def unsubscribe_url(subscription: Subscription) -> str:
    token = links.make("alert-unsubscribe", [subscription.pk, subscription.email])
    return absolute(reverse("alerts:unsubscribe", args=[token]))


def manage_url(email: str) -> str:
    token = links.make("alert-manage", email.lower())
    return absolute(reverse("alerts:manage", args=[token]))


def confirmation_message(subscription: Subscription):
    context = {"subscription": subscription, "confirm_url": confirm_url(subscription)}
    return render("alerts/emails/confirm", context, to=[subscription.email], html=True)


def alert_message(subscription: Subscription, partnerships: list):
    unsubscribe = unsubscribe_url(subscription)
    context = {
        "subscription": subscription,
        "partnerships": [(p, absolute(p.get_absolute_url())) for p in partnerships],
        "results_url": absolute(subscription.results_url),
        "unsubscribe_url": unsubscribe,
        "manage_url": manage_url(subscription.email),
    }
    # RFC 8058: a mail client may unsubscribe in one click by POSTing to this address.
    headers = {
        "List-Unsubscribe": f"<{unsubscribe}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }
    return render(
        "alerts/emails/alert", context, to=[subscription.email], html=True, headers=headers
    )
