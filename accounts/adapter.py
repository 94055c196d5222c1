"""How allauth saves a new account, and how failed sign-ins are limited.

Failed sign-ins are counted three ways before any password is hashed (hashing costs most of a
second of CPU, so it must never be the first thing a request can make the server do):

- per IP address (`login_failed`, `10/m/ip`): one address guessing at many accounts;
- per e-mail address *and* IP address (`login_failed`'s `key` rate, `5/5m/key`): guessing at
  one account from one place. A stranger elsewhere who types your address wrongly five times
  uses up their own count, not yours, so they cannot lock you out;
- per e-mail address alone (`login_failed_address`, `100/h/key`): a generous ceiling on
  guesses at one account from everywhere at once.

A successful sign-in gives back the attempt it used. Over any limit the person gets the 429
page (templates/429.html) rather than a form error. allauth's own `login` limit (`30/m/ip`)
counts every sign-in post before the form is even read.
"""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import ratelimit
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.internal import ratelimit as counting
from django.core.exceptions import ValidationError

# allauth's e-mail subjects in GOV.UK wording; any other is put in sentence case.
EMAIL_SUBJECTS = {
    "please confirm your email address": "Confirm your email address",
    "email confirmation": "Confirm your email address",
    "password reset email": "Reset your password",
    "password reset": "Reset your password",
    "password reset code": "Your code to reset your password",
    "sign-in code": "Your sign-in code",
    "account already exists": "You already have an account",
    "unknown account": "There is no account for this email address",
}


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.full_name = form.cleaned_data.get("full_name", "")
        return super().save_user(request, user, form, commit=commit)

    def format_email_subject(self, subject: str) -> str:
        subject = " ".join(str(subject).split())
        worded = EMAIL_SUBJECTS.get(subject.lower())
        if worded is None:
            worded = subject[:1].upper() + subject[1:].lower()
        return super().format_email_subject(worded)

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        """The `key` of the login_failed limit: the address typed, with the visitor's IP."""
        return f"{self._address(**credentials)}|{counting.get_ip(request)}"

    @staticmethod
    def _address(**credentials) -> str:
        return credentials.get("email", credentials.get("username", "")).strip().lower()

    def pre_authenticate(self, request, **credentials) -> None:
        address_usage = counting.consume(
            request,
            app="allauth.account",
            action="login_failed_address",
            key=self._address(**credentials),
        )
        if not address_usage:
            raise ImmediateHttpResponse(ratelimit.respond_429(request))
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError:
            address_usage.rollback()
            raise ImmediateHttpResponse(ratelimit.respond_429(request)) from None
        self._address_usage = address_usage

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_address_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(request, action="login_failed_address", key=self._address(**credentials))
