"""Evidence resources: what toolkits, guidebooks and guidance say about a kind of work.

Editors keep the list (in the admin) and link each resource to themes and, optionally, to case
studies. A resource's rating is the publisher's, quoted exactly as they state it with the date
an editor read it; it is never this directory's own evidence rating.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q


class EvidenceResourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, url: str):
        return self.get(url=url)

    def for_theme(self, theme) -> list["EvidenceResource"]:
        """The resources an editor linked to `theme` (one query)."""
        return list(self.filter(themes=theme))

    def for_partnership(self, partnership, limit: int = 8) -> list["EvidenceResource"]:
        """Resources linked to the case study itself (`is_direct`, first) or to its themes, in
        one query. `partnership.themes` should be prefetched."""
        theme_ids = [theme.pk for theme in partnership.themes.all()]
        direct = EvidenceResource.partnerships.through.objects.filter(
            partnership_id=partnership.pk, evidenceresource_id=OuterRef("pk")
        )
        return list(
            self.filter(Q(partnerships=partnership) | Q(themes__in=theme_ids))
            .distinct()
            .annotate(is_direct=Exists(direct))
            .order_by("-is_direct", "publisher", "name")[:limit]
        )


class EvidenceResource(models.Model):
    name = models.CharField(
        max_length=200,
        help_text="The entry's name as the publisher gives it, e.g. A and E navigators.",
    )
    publisher = models.CharField(
        max_length=150,
        help_text="Who publishes it, e.g. Youth Endowment Fund Toolkit, College of Policing "
        "Crime Reduction Toolkit, Foundations Guidebook, NICE.",
    )
    url = models.URLField("web address", max_length=1000, unique=True)
    covers = models.TextField("what it covers", help_text="In a sentence or two, in your words.")
    rating = models.CharField(
        "rating, exactly as published",
        max_length=300,
        blank=True,
        help_text="Copy the publisher's words, e.g. “HIGH” or “Evidence rating: 4+”. Leave "
        "empty if the publisher gives no rating (NICE guidance has none). Never translate it "
        "into this directory's levels.",
    )
    rating_explained = models.TextField(
        "what the publisher's rating means",
        blank=True,
        help_text="Optional: the publisher's own scale, e.g. “HIGH = 30%+ less violence”.",
    )
    date_read = models.DateField(
        "date the rating was read", help_text="When an editor read the page and its rating."
    )
    page_date = models.CharField(
        "date shown on the page",
        max_length=100,
        blank=True,
        help_text="The date the page itself shows, if any, e.g. “Published 21 March 2017”.",
    )
    themes = models.ManyToManyField("themes.Theme", related_name="evidence_resources")
    partnerships = models.ManyToManyField(
        "partnerships.Partnership",
        blank=True,
        related_name="evidence_resources",
        help_text="Optional: case studies whose approach this resource is about.",
    )

    objects = EvidenceResourceQuerySet.as_manager()

    class Meta:
        ordering = ["publisher", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["publisher", "name"], name="evidence_resource_unique_name"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.publisher}"

    def get_absolute_url(self) -> str:
        return self.url

    def natural_key(self) -> tuple[str]:
        return (self.url,)
