"""sitemap.xml (Django's sitemaps framework, as an index of sections) and robots.txt.

The sitemap lists every public page: the fixed pages (the service's own pages, /practice/ and
/data/ included), every published case study with its last change, every theme, every confirmed
organisation taking part in a published case study, and each police force area's page of current
practice.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe

from partnerships.models import Organisation, Partnership, PartnershipMember, published_q
from themes.models import Theme


class PagesSitemap(Sitemap):
    """The pages that are always there."""

    names = [
        "partnerships:home",
        "partnerships:about",
        "partnerships:contact",
        "partnerships:accessibility",
        "partnerships:privacy",
        "partnerships:cookies",
        "partnerships:list",
        "partnerships:organisations",
        "themes:list",
        "practice:page",
        "opendata:page",
        "opendata:api_page",
    ]

    def items(self) -> list[str]:
        return self.names

    def location(self, item: str) -> str:
        return reverse(item)


class CaseStudySitemap(Sitemap):
    limit = 10_000

    def items(self):
        return Partnership.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item: Partnership):
        return item.updated_at


class ThemeSitemap(Sitemap):
    def items(self):
        return Theme.objects.only("slug").order_by("pk")


class OrganisationSitemap(Sitemap):
    limit = 10_000

    def items(self):
        taking_part = PartnershipMember.objects.filter(
            published_q("partnership__"), organisation=OuterRef("pk")
        )
        return (
            Organisation.objects.filter(Exists(taking_part), is_confirmed=True)
            .only("slug")
            .order_by("pk")
        )


class AreaSitemap(Sitemap):
    """/practice/areas/<force>/: a page for every confirmed police force area."""

    def items(self):
        return (
            Organisation.objects.police_forces()
            .filter(is_confirmed=True)
            .only("slug")
            .order_by("pk")
        )

    def location(self, item: Organisation) -> str:
        return reverse("practice:area", args=[item.slug])


SITEMAPS = {
    "pages": PagesSitemap,
    "case-studies": CaseStudySitemap,
    "themes": ThemeSitemap,
    "organisations": OrganisationSitemap,
    "areas": AreaSitemap,
}

# Pages for people signed in, and endpoints whose query strings make endless URLs.
DISALLOWED = [
    "/moderation/",
    "/accounts/",
    "/admin/",
    "/submit/",
    "/your-case-studies/",
    "/api/",
    "/data/case-studies",
    "/data/partners",
    "/feeds/",
    "/partnerships/?",
    "/themes/*?",
    "/organisations/*?",
]


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", *(f"Disallow: {path}" for path in DISALLOWED)]
    lines += ["", f"Sitemap: {settings.SITE_URL}{reverse('sitemap')}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
