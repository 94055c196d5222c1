"""Admin forms for the custom user, and allauth's account forms worded for a GOV.UK service.

allauth's forms are kept (their validation, rate limits and e-mails); these subclasses only give
fields GOV.UK labels and drop placeholders, which GOV.UK asks services not to use.
"""

from allauth.account import forms as allauth_forms
from django import forms
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm

from accounts.models import User


class UserCreationAdminForm(AdminUserCreationForm):
    class Meta:
        model = User
        fields = ["email", "full_name"]


class UserChangeAdminForm(UserChangeForm):
    class Meta:
        model = User
        fields = "__all__"
        field_classes: dict = {}


class GovukWording:
    """Relabel fields by name and remove every placeholder."""

    labels: dict[str, str] = {}
    help_texts: dict[str, str] = {}
    required: dict[str, str] = {}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            field.widget.attrs.pop("placeholder", None)
            if name in self.labels:
                field.label = self.labels[name]
            if name in self.help_texts:
                field.help_text = self.help_texts[name]
            if name in self.required:
                field.error_messages["required"] = self.required[name]


EMAIL = "Email address"
NEW_PASSWORD_HINT = "At least 8 characters. Not a common password, and not only numbers."


class LoginForm(GovukWording, allauth_forms.LoginForm):
    labels = {"login": EMAIL, "password": "Password", "remember": "Keep me signed in"}
    required = {"login": "Enter your email address", "password": "Enter your password"}
    help_texts = {"remember": "Do not choose this on a shared computer."}


class SignupForm(GovukWording, allauth_forms.SignupForm):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="Editors and e-mails about your case studies use this name.",
        widget=forms.TextInput(attrs={"autocomplete": "name", "spellcheck": "false"}),
    )
    field_order = ["full_name", "email", "password1", "password2"]
    labels = {"email": EMAIL, "password1": "Create a password", "password2": "Confirm password"}
    help_texts = {"password1": NEW_PASSWORD_HINT}
    required = {
        "full_name": "Enter your full name",
        "email": "Enter your email address",
        "password1": "Create a password",
        "password2": "Enter the password again",
    }


class ResetPasswordForm(GovukWording, allauth_forms.ResetPasswordForm):
    labels = {"email": EMAIL}
    required = {"email": "Enter your email address"}


class ResetPasswordKeyForm(GovukWording, allauth_forms.ResetPasswordKeyForm):
    labels = {"password1": "New password", "password2": "Confirm new password"}
    help_texts = {"password1": NEW_PASSWORD_HINT}


class ChangePasswordForm(GovukWording, allauth_forms.ChangePasswordForm):
    labels = {
        "oldpassword": "Current password",
        "password1": "New password",
        "password2": "Confirm new password",
    }
    help_texts = {"password1": NEW_PASSWORD_HINT}


class SetPasswordForm(GovukWording, allauth_forms.SetPasswordForm):
    labels = {"password1": "Password", "password2": "Confirm password"}
    help_texts = {"password1": NEW_PASSWORD_HINT}


class AddEmailForm(GovukWording, allauth_forms.AddEmailForm):
    labels = {"email": "New email address"}
    help_texts = {
        "email": "We will send a link to this address. Your address changes when you follow it."
    }
