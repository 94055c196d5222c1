"""Controlled vocabularies that case studies are tagged with."""

from django.db import models
from django.urls import reverse

from partnerships.addresses import address


class SlugQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug: str):
        return self.get(slug=slug)


class Theme(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in web addresses.")
    summary = models.CharField(
        max_length=300, help_text="One sentence shown on theme lists and cards."
    )
    description = models.TextField(
        blank=True, help_text="One or two paragraphs shown on the theme's own page."
    )
    is_priority = models.BooleanField(
        default=False,
        help_text="The four priority themes (mental health, substance misuse, ACEs, early "
        "intervention) are shown first and on the home page.",
    )
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Themes are listed by this number, lowest first."
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["-is_priority", "position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return address("themes:detail", self.slug)

    def natural_key(self) -> tuple[str]:
        return (self.slug,)


class PopulationGroup(models.Model):
    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    position = models.PositiveSmallIntegerField(
        default=100, help_text="Groups are listed by this number, lowest first."
    )

    objects = SlugQuerySet.as_manager()

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("partnerships:list") + f"?population={self.slug}"

    def natural_key(self) -> tuple[str]:
        return (self.slug,)
