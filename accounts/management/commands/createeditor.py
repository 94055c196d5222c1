"""`manage.py createeditor EMAIL`: an editor (or with --superuser, a superuser) who can sign in on
the site's own sign-in page at once: their e-mail address is recorded as verified, which
`createsuperuser` does not do (allauth then refuses them until they follow a link)."""

import os
from getpass import getpass

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import EDITORS_GROUP

PASSWORD_VARIABLE = "EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create an editor with a verified e-mail address, or make an existing account an editor. "
        f"The password is asked for, or read from {PASSWORD_VARIABLE} with --no-input."
    )

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("--name", default="", help="Their full name, as shown to others.")
        parser.add_argument("--superuser", action="store_true", help="Make a superuser.")
        parser.add_argument("--no-input", action="store_false", dest="interactive")

    def handle(self, *args, email: str, name: str, superuser: bool, interactive: bool, **options):
        User = get_user_model()
        email = email.strip().lower()  # as allauth stores addresses
        if "@" not in email:
            raise CommandError(f"{email!r} is not an e-mail address.")
        user = User.objects.filter(email__iexact=email).first()
        password = None if user else self._password(interactive)
        with transaction.atomic():
            if user is None:
                user = User(email=email, full_name=name)
                user.set_password(password)
            elif name:
                user.full_name = name
            if superuser:
                user.is_superuser = user.is_staff = True
            user.is_active = True
            try:
                validate_password(password, user) if password else None
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            user.save()
            user.groups.add(Group.objects.get_or_create(name=EDITORS_GROUP)[0])
            address, _ = EmailAddress.objects.get_or_create(
                user=user, email__iexact=email, defaults={"email": email}
            )
            address.verified = True
            address.primary = True
            address.save(update_fields=["verified", "primary"])
        kind = "a superuser" if superuser else "an editor"
        self.stdout.write(self.style.SUCCESS(f"{email} is {kind} and can sign in now."))

    def _password(self, interactive: bool) -> str:
        if not interactive:
            password = os.environ.get(PASSWORD_VARIABLE, "")
            if not password:
                raise CommandError(f"Set {PASSWORD_VARIABLE} to the new account's password.")
            return password
        password = getpass("Password: ")
        if password != getpass("Password (again): "):
            raise CommandError("The passwords do not match.")
        return password
