"""Alert pages: subscribe, check your e-mail, confirm, manage, unsubscribe, and yours.

The finder pages link here with a plain GET link, so they carry no form and no CSRF cookie (they
are cached for anonymous visitors); the subscribe form with its CSRF token is on its own page.
Unsubscribing by POST is exempt from CSRF because RFC 8058's one-click unsubscribe is a POST
from the mail client, with no cookie: the signed token in the address is the authority.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from alerts.emails import MANAGE_LINK_DAYS, confirmation_message, manage_url
from alerts.forms import TOO_LONG, ChangeFrequencyForm, SubscribeForm
from alerts.models import UNCONFIRMED_DAYS, Subscription
from alerts.searches import NotAFinderPage, describe, finder_for, saved_params, scope_of
from jobs import links
from jobs.mail import to_dict
from jobs.rate_limits import allow, client_ip
from jobs.tasks import send_emails

DAY = 24 * 3600


def _search(page: str, params: str):
    """(scope, finder, description) for a finder page and its parameters; Http404 if the page
    is not a finder page."""
    try:
        scope = scope_of(page)
        finder = finder_for(params, scope)
    except (NotAFinderPage, KeyError) as error:
        raise Http404("Not a finder page") from error
    return scope, finder, describe(finder, scope)


@require_http_methods(["GET", "POST"])
def subscribe(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = SubscribeForm(request.POST)
        page, params = request.POST.get("page", ""), request.POST.get("params", "")
    else:
        query = request.GET.copy()
        page = query.pop("page", ["/partnerships/"])[-1]
        params = query.urlencode()
        form = SubscribeForm(initial={"page": page, "params": params})
    scope, finder, description = _search(page, params)
    if request.method == "POST" and form.is_valid() and len(saved_params(finder)) > 2000:
        form.add_error(None, TOO_LONG)
    if request.method == "POST" and form.is_valid():
        if not allow("alert-ip", client_ip(request), settings.ALERT_RATE_LIMIT_PER_IP):
            form.add_error(None, "You have asked for too many alerts. Try again in an hour.")
        else:
            email = BaseUserManager.normalize_email(form.cleaned_data["email"])
            # Over the limit for this address, nothing is sent, but the page says the same:
            # it must never reveal whether an address is subscribed or was just used.
            if allow("alert-address", email, settings.ALERT_RATE_LIMIT_PER_ADDRESS):
                with transaction.atomic():
                    subscription = Subscription.objects.create(
                        email=email,
                        page=page,
                        params=saved_params(finder),
                        scope=":".join(scope) if scope else "",
                        description=description[:1000],
                        frequency=form.cleaned_data["frequency"],
                    )
                    message = confirmation_message(subscription)
                    key = f"alert-confirm:{subscription.pk}"
                    transaction.on_commit(lambda: send_emails.enqueue([to_dict(message, key)]))
            return redirect("alerts:check_email")
    context = {"form": form, "description": description, "total": finder.total, "page": page}
    return render(request, "alerts/subscribe.html", context)


def check_email(request: HttpRequest) -> HttpResponse:
    return render(request, "alerts/check_email.html", {"days": UNCONFIRMED_DAYS})


def _subscription_from(token: str, purpose: str, max_age=None) -> Subscription | None:
    pk, email = links.read(purpose, token, max_age=max_age)
    return Subscription.objects.filter(pk=pk, email=email).first()


@require_http_methods(["GET", "POST"])
def confirm(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = _subscription_from(token, "alert-confirm", max_age=UNCONFIRMED_DAYS * DAY)
    except links.BadLink as error:
        return links.problem_page(request, error, next_step="Ask for the alert again.")
    if subscription is None:
        error = links.ExpiredLink()
        return links.problem_page(request, error, next_step="Ask for the alert again.")
    context = {"subscription": subscription, "manage_url": manage_url(subscription.email)}
    if subscription.confirmed_at:
        return render(request, "alerts/confirmed.html", {**context, "already": True})
    if request.method == "POST":
        with transaction.atomic():
            subscription.confirm()
        return render(request, "alerts/confirmed.html", context)
    return render(request, "alerts/confirm.html", context)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    try:
        subscription = _subscription_from(token, "alert-unsubscribe")
    except links.BadLink as error:
        return links.problem_page(request, error)
    if request.method == "POST":
        if subscription:
            subscription.delete()
        return render(request, "alerts/unsubscribed.html")
    if subscription is None:  # already gone: the same as unsubscribing now
        return render(request, "alerts/unsubscribed.html")
    return render(request, "alerts/unsubscribe.html", {"subscription": subscription})


@require_http_methods(["GET", "POST"])
def manage(request: HttpRequest, token: str) -> HttpResponse:
    try:
        email = links.read("alert-manage", token, max_age=MANAGE_LINK_DAYS * DAY)
    except links.BadLink as error:
        return links.problem_page(
            request, error, next_step="Use the link in your most recent alert e-mail."
        )
    subscriptions = Subscription.objects.for_address(email).confirmed()
    forms = {s.pk: ChangeFrequencyForm(initial={"frequency": s.frequency}) for s in subscriptions}
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "remove-all":
            subscriptions.delete()
            return render(request, "alerts/unsubscribed.html", {"all": True})
        kind, _, pk = action.partition(":")
        subscription = get_object_or_404(subscriptions, pk=pk if pk.isdigit() else 0)
        if kind == "remove":
            subscription.delete()
            return redirect(request.path + "?removed=1")
        if kind == "frequency":
            form = ChangeFrequencyForm(request.POST, prefix=str(subscription.pk))
            if form.is_valid():
                subscription.frequency = form.cleaned_data["frequency"]
                subscription.save(update_fields=["frequency"])
                return redirect(request.path + "?changed=1")
            forms[subscription.pk] = form
    items = [(s, forms[s.pk]) for s in subscriptions]
    for subscription, form in items:
        form.prefix = str(subscription.pk)
    context = {
        "email": email,
        "items": items,
        "changed": "changed" in request.GET,
        "removed": "removed" in request.GET,
    }
    return render(request, "alerts/manage.html", context)


@login_required
def yours(request: HttpRequest) -> HttpResponse:
    """A signed-in person's alerts: those for any of their verified addresses."""
    from allauth.account.models import EmailAddress

    addresses = list(
        EmailAddress.objects.filter(user=request.user, verified=True).values_list(
            "email", flat=True
        )
    )
    groups = []
    for email in addresses:
        subscriptions = list(Subscription.objects.for_address(email).confirmed())
        if subscriptions:
            groups.append((email, subscriptions, manage_url(email)))
    return render(request, "alerts/yours.html", {"groups": groups})


def subscribe_url(page: str, params: list[tuple[str, str]]) -> str:
    """Where a finder page's "Get e-mails" link goes: `page`, then the (key, value) pairs, a
    key's values together (as a QueryDict encodes them; this is on every finder page)."""
    from partnerships.addresses import address

    grouped = {"page": [page]}
    for key, value in params:
        grouped.setdefault(key, []).append(value)
    return address("alerts:subscribe") + "?" + urlencode(grouped, doseq=True)
