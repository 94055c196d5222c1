"""The contact relay: a message to a case study's contact, relayed by e-mail."""

import secrets

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from contact_relay.forms import ContactForm, started_token
from contact_relay.models import MessageCount
from contact_relay.tasks import relay_emails
from jobs.mail import render as render_mail
from jobs.mail import to_dict
from jobs.rate_limits import allow, client_ip
from partnerships.models import Partnership


def contactable(slug: str) -> Partnership:
    partnership = get_object_or_404(Partnership.objects.published(), slug=slug)
    if not (partnership.contact_consent and partnership.contact_email):
        raise Http404("This case study's contact has not agreed to be contacted.")
    return partnership


@require_http_methods(["GET", "POST"])
def contact(request: HttpRequest, slug: str) -> HttpResponse:
    partnership = contactable(slug)
    if request.method == "POST":
        form = ContactForm(request.POST)
        if form.is_valid():
            if form.is_spam:  # the honeypot was filled in: look as if it was sent
                return render(request, "contact_relay/sent.html", {"partnership": partnership})
            if not allow("contact-ip", client_ip(request), settings.CONTACT_RATE_LIMIT_PER_IP):
                form.add_error(None, "You have sent too many messages. Try again in an hour.")
            elif not allow(
                "contact-case-study",
                str(partnership.pk),
                settings.CONTACT_RATE_LIMIT_PER_CASE_STUDY,
            ):
                form.add_error(
                    None, "This case study’s contact has had many messages. Try again tomorrow."
                )
            else:
                _relay(partnership, form.cleaned_data)
                return render(request, "contact_relay/sent.html", {"partnership": partnership})
        if "started" in form.errors and "expired" in str(form.errors["started"]):
            form.data = form.data.copy()
            form.data["started"] = started_token()  # a fresh form for the next try
    else:
        form = ContactForm(initial={"started": started_token()})
    return render(request, "contact_relay/contact.html", {"form": form, "partnership": partnership})


def _relay(partnership: Partnership, data: dict) -> None:
    context = {
        "partnership": partnership,
        **data,
        "public_url": settings.SITE_URL + partnership.get_absolute_url(),
    }
    to_contact = render_mail(
        "contact_relay/emails/to_contact",
        context,
        to=[partnership.contact_email],
    )
    to_contact.reply_to = [data["email"]]
    copy = render_mail("contact_relay/emails/copy", context, to=[data["email"]])
    ref = secrets.token_hex(8)
    messages = [to_dict(to_contact, f"contact:{ref}:contact"), to_dict(copy, f"contact:{ref}:copy")]
    with transaction.atomic():
        MessageCount.add_one(partnership)
        transaction.on_commit(lambda: relay_emails.enqueue(messages))
