"""Small builders for test data. Each makes a valid object and takes overrides as keywords."""

from itertools import count

from django.utils import timezone

from partnerships.models import Organisation, Partnership, PartnershipMember, Region, Source
from themes.models import PopulationGroup, Theme

_numbers = count(1)


def region(**fields) -> Region:
    n = next(_numbers)
    defaults = {"name": f"Region {n}", "slug": f"region-{n}", "ons_code": f"E1{n:07d}"}
    return Region.objects.create(**{**defaults, **fields})


def organisation(**fields) -> Organisation:
    n = next(_numbers)
    defaults = {
        "name": f"Organisation {n}",
        "slug": f"organisation-{n}",
        "kind": "voluntary_community",
    }
    return Organisation.objects.create(**{**defaults, **fields})


def police_force(**fields) -> Organisation:
    n = next(_numbers)
    defaults = {
        "name": f"Force {n} Police",
        "slug": f"force-{n}",
        "kind": "police_force",
        "pfa_code": f"E2{n:07d}",
    }
    return Organisation.objects.create(**{**defaults, **fields})


def theme(**fields) -> Theme:
    n = next(_numbers)
    defaults = {"name": f"Theme {n}", "slug": f"theme-{n}", "summary": f"About theme {n}."}
    return Theme.objects.create(**{**defaults, **fields})


def population_group(**fields) -> PopulationGroup:
    n = next(_numbers)
    return PopulationGroup.objects.create(**{"name": f"Group {n}", "slug": f"group-{n}", **fields})


def partnership(**fields) -> Partnership:
    n = next(_numbers)
    status = fields.get("status", Partnership.Status.PUBLISHED)
    defaults = {
        "title": f"Partnership {n}",
        "slug": f"partnership-{n}",
        "summary": f"Summary of partnership {n}.",
        "status": status,
        "published_at": timezone.now() if status == Partnership.Status.PUBLISHED else None,
    }
    return Partnership.objects.create(**{**defaults, **fields})


def member(partnership_obj, organisation_obj=None, role="partner", **fields) -> PartnershipMember:
    return PartnershipMember.objects.create(
        partnership=partnership_obj,
        organisation=organisation_obj or organisation(),
        role=role,
        **fields,
    )


def source(partnership_obj, **fields) -> Source:
    n = next(_numbers)
    defaults = {"title": f"Source {n}", "url": f"https://example.org/source-{n}"}
    return Source.objects.create(partnership=partnership_obj, **{**defaults, **fields})


def full_partnership(**fields) -> Partnership:
    """A published case study with a lead, a partner, two themes, a force area and a source."""
    p = partnership(**fields)
    member(p, role="lead")
    member(p, role="partner")
    p.themes.add(theme(), theme(is_priority=True))
    p.population_groups.add(population_group())
    p.police_force_areas.add(police_force())
    source(p)
    return p


def complete_draft(submitted_by=None, **fields) -> Partnership:
    """A draft with every section of the task list finished, ready to submit."""
    defaults = {
        "status": Partnership.Status.DRAFT,
        "problem": "Many people in crisis were held in police cells.",
        "approach": "Nurses went out with officers.",
        "outcomes": "Fewer detentions.",
        "evaluation_type": "not_evaluated",
        "no_personal_data": True,
        "conflict_of_interest": "none",
    }
    p = partnership(**{**defaults, "submitted_by": submitted_by, **fields})
    member(p, role="lead")
    member(p, role="partner")
    p.themes.add(theme())
    source(p)
    return p


def pdf_bytes(pages: int = 1, password: str = "") -> bytes:
    """A real PDF (made with pypdf) of blank pages, encrypted with `password` if given."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if password:
        writer.encrypt(password)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()
