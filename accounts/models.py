from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils.functional import cached_property

# Members of this group moderate case studies (the group and its permissions come from the
# partnerships migration 0002_editors_group). Superusers add people to it in the admin.
EDITORS_GROUP = "Editors"


class EmailUserManager(UserManager):
    """Users sign in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)

    def editors(self):
        """Who moderates: the one definition (active members of Editors, and superusers)."""
        in_group = User.groups.through.objects.filter(group__name=EDITORS_GROUP).values("user_id")
        return self.filter(models.Q(is_superuser=True) | models.Q(pk__in=in_group), is_active=True)


class User(AbstractUser):
    username = None
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(
        max_length=150, blank=True, help_text="How the person is named to editors and in e-mails."
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = EmailUserManager()

    class Meta:
        ordering = ["email"]

    def __str__(self) -> str:
        return self.full_name or self.email

    @cached_property
    def is_editor(self) -> bool:
        """May moderate. Asked once per request (request.user is loaded once)."""
        return self.pk is not None and type(self).objects.editors().filter(pk=self.pk).exists()
