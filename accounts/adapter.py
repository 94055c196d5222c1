"""How allauth saves a new account: the e-mail address, the password and the person's name."""

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    def save_user(self, request, user, form, commit=True):
        user.full_name = form.cleaned_data.get("full_name", "")
        return super().save_user(request, user, form, commit=commit)
