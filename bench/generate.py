#!/usr/bin/env python
"""Fill a benchmark database with N realistic published case studies.

    .venv/bin/python bench/generate.py 10000                       # bench/bench.sqlite3
    .venv/bin/python bench/generate.py 100000 --sqlite bench/bench-100k.sqlite3
    .venv/bin/python bench/generate.py 100000 --database-url postgres://postgres@127.0.0.1:5432/bench

The database is migrated first, then gets the real regions, police forces, themes and population
groups (fixtures), about 1,700 partner organisations, and N case studies with ~300 words of text
drawn from a Zipf-distributed domain vocabulary (bench/vocabulary.py), 1-3 themes, 2-5 partners,
force areas and population groups, published over twelve years. The search index is kept in step
by its database triggers, exactly as in production. A database that already holds case studies is
left alone unless --reset is given (and --reuse skips generation when it already holds N).
"""

import argparse
import random
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from itertools import accumulate
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import vocabulary  # noqa: E402
from bench._django import ROOT, add_database_arguments, describe, setup  # noqa: E402

BATCH = 1000
RARE_WORDS = 20_000


def zipf_weights(n: int, s: float = 1.0, q: float = 2.7) -> list[float]:
    """Zipf-Mandelbrot weights: item k (from 0) is drawn in proportion to 1 / (k + q) ** s."""
    return list(accumulate(1 / (k + q) ** s for k in range(n)))


class Writer:
    """Random but reproducible case-study text."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.words = (
            vocabulary.FUNCTION_WORDS
            + vocabulary.DOMAIN
            + vocabulary.TAIL
            + vocabulary.rare_words(RARE_WORDS)
        )
        self.cum = zipf_weights(len(self.words), s=1.05)

    def sentence(self, length: int) -> str:
        words = self.rng.choices(self.words, cum_weights=self.cum, k=length)
        if self.rng.random() < 0.3:  # numbers: years, counts, percentages
            words.insert(
                self.rng.randrange(len(words)),
                str(
                    self.rng.choice(
                        [
                            self.rng.randint(2005, 2025),
                            self.rng.randint(2, 500),
                            f"{self.rng.randint(3, 90)}%",
                        ]
                    )
                ),
            )
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def text(self, words: int) -> str:
        sentences, total = [], 0
        while total < words:
            length = self.rng.randint(8, 24)
            sentences.append(self.sentence(length))
            total += length
        paragraphs, current = [], []
        for sentence in sentences:
            current.append(sentence)
            if len(current) >= self.rng.randint(3, 6):
                paragraphs.append(" ".join(current))
                current = []
        if current:
            paragraphs.append(" ".join(current))
        return "\n\n".join(paragraphs)

    def summary(self, title: str, partners: list[str]) -> str:
        opening = f"{title.split(' for ')[0]} run by {' and '.join(partners[:2])}. "
        rest = self.text(self.rng.randint(25, 40)).replace("\n\n", " ")
        text = opening + rest
        if len(text) > 300:
            text = text[:297].rsplit(" ", 1)[0].rstrip(".,;") + "…"
        return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("n", type=int, help="how many case studies to create")
    add_database_arguments(parser)
    parser.add_argument("--reset", action="store_true", help="empty the database first")
    parser.add_argument("--reuse", action="store_true", help="do nothing if it already holds N")
    parser.add_argument("--seed", type=int, default=2016)
    args = parser.parse_args()
    if args.reset and not args.database_url and args.sqlite.exists():
        for suffix in ("", "-wal", "-shm"):
            Path(f"{args.sqlite}{suffix}").unlink(missing_ok=True)
    setup(args)

    from django.core.management import call_command
    from django.db import connection

    from partnerships.models import Partnership

    print(f"Database: {describe(args)}")
    call_command("migrate", verbosity=0)
    existing = Partnership.objects.count()
    if existing and args.reuse and existing == args.n:
        print(f"It already holds {existing:,} case studies: nothing to do.")
        return
    if existing:
        if not args.reset:
            sys.exit(f"It already holds {existing:,} case studies: use --reset to replace them.")
        call_command("flush", interactive=False, verbosity=0)
    started = time.perf_counter()
    with gin_indexes_rebuilt_afterwards(connection):
        generate(args.n, args.seed)
    print(f"Created {args.n:,} case studies in {time.perf_counter() - started:.0f} s.")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute(
                "INSERT INTO partnerships_search(partnerships_search) VALUES ('optimize')"
            )
            cursor.execute("ANALYZE")
    print(f"Vacuumed/optimised and analysed in {time.perf_counter() - started:.0f} s.")


@contextmanager
def gin_indexes_rebuilt_afterwards(connection):
    """PostgreSQL: drop the search tables' GIN indexes during the load and build them again at the
    end, as a bulk import would (building once is much faster than updating them row by row). The
    triggers still fill the tables themselves row by row, exactly as in production."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename IN ('partnerships_search', 'partnerships_search_rank') "
            "AND indexdef LIKE '%USING gin%'"
        )
        indexes = cursor.fetchall()
        for name, _ in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _, definition in indexes:
                cursor.execute(definition)
            cursor.execute("RESET maintenance_work_mem")


def generate(n: int, seed: int) -> None:
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction
    from django.db.models import Max
    from django.utils.text import slugify

    from partnerships.models import Organisation, Partnership, PartnershipMember
    from themes.models import PopulationGroup, Theme

    call_command(
        "loaddata",
        ROOT / "fixtures" / "regions_and_forces.json",
        ROOT / "fixtures" / "themes.json",
        verbosity=0,
    )
    rng = random.Random(seed)
    writer = Writer(seed)
    forces = list(Organisation.objects.police_forces().order_by("name"))
    themes = list(Theme.objects.order_by("position", "name"))
    groups = list(PopulationGroup.objects.order_by("position"))
    organisations = Organisation.objects.bulk_create(
        Organisation(name=name, slug=slugify(name)[:200], kind=kind)
        for place in vocabulary.PLACES
        for pattern, kind in vocabulary.ORGANISATION_PATTERNS
        if (name := pattern.format(place=place))
    )
    rng.shuffle(organisations)
    org_cum = zipf_weights(len(organisations), s=0.8)
    force_cum = zipf_weights(len(forces), s=0.5)
    theme_cum = zipf_weights(len(themes), s=0.8)
    group_cum = zipf_weights(len(groups), s=0.6)
    start = datetime(2014, 1, 1, tzinfo=UTC)
    span = (datetime(2026, 6, 30, tzinfo=UTC) - start).total_seconds()
    evaluation_types = Partnership.EvaluationType.values
    findings = list(Partnership.Finding.values)
    ThemeLink = Partnership.themes.through
    GroupLink = Partnership.population_groups.through
    ForceLink = Partnership.police_force_areas.through

    # Links are written before their case studies (foreign keys are checked at commit), so each
    # case study is indexed once, by its own insert trigger, with its partners and themes present.
    next_id = (Partnership.objects.aggregate(Max("id"))["id__max"] or 0) + 1
    for first in range(0, n, BATCH):
        size = min(BATCH, n - first)
        rows, member_rows, theme_rows, group_rows, force_rows = [], [], [], [], []
        for i in range(first, first + size):
            pk = next_id + i
            place = rng.choice(vocabulary.PLACES)
            population = rng.choice(vocabulary.POPULATIONS)
            intervention = rng.choice(vocabulary.INTERVENTIONS)
            title = rng.choice(
                [
                    f"{intervention} for {population} in {place}",
                    f"{place} {intervention.lower()}",
                    f"{intervention} in {place} and {rng.choice(vocabulary.PLACES)}",
                    f"{intervention}: {writer.sentence(rng.randint(3, 6))[:-1].lower()}",
                ]
            )[:200]
            force = rng.choices(forces, cum_weights=force_cum)[0]
            partners = []
            for org in rng.choices(organisations, cum_weights=org_cum, k=rng.randint(1, 4)):
                if org not in partners:
                    partners.append(org)
            lead = force if rng.random() < 0.4 else partners[0]
            members = [lead] + [p for p in partners if p != lead]
            if force not in members and rng.random() < 0.7:
                members.append(force)
            evaluation = rng.choices(evaluation_types, weights=[40, 20, 15, 12, 8, 3, 2])[0]
            start_year = rng.randint(2005, 2025)
            published_at = start + timedelta(seconds=rng.random() * span)
            rows.append(
                Partnership(
                    pk=pk,
                    title=title,
                    slug=f"{slugify(title)[:180]}-{pk}",
                    summary=writer.summary(title, [m.name for m in members]),
                    problem=writer.text(rng.randint(50, 90)),
                    approach=writer.text(rng.randint(80, 140)),
                    outcomes=writer.text(rng.randint(50, 100)),
                    learning=writer.text(rng.randint(30, 70)),
                    start_year=start_year,
                    end_year=rng.choice([None, None, min(2026, start_year + rng.randint(0, 6))]),
                    work_state=rng.choices(["ongoing", "ended", "pilot"], weights=[5, 3, 2])[0],
                    scale=rng.choices(["local", "regional", "national"], weights=[8, 3, 1])[0],
                    evaluation_type=evaluation,
                    evaluation_finding=""
                    if evaluation == "not_evaluated"
                    else rng.choice(findings),
                    evidence_rating=0
                    if evaluation == "not_evaluated"
                    else rng.choices(range(6), weights=[30, 25, 20, 12, 8, 5])[0],
                    status=Partnership.Status.PUBLISHED,
                    published_at=published_at,
                    last_reviewed_at=published_at,
                    created_at=published_at,
                )
            )
            for org in members:
                role = (
                    "lead"
                    if org == lead
                    else rng.choices(["partner", "funder", "evaluator"], weights=[8, 1, 1])[0]
                )
                member_rows.append(
                    PartnershipMember(partnership_id=pk, organisation_id=org.pk, role=role)
                )
            for theme in set(rng.choices(themes, cum_weights=theme_cum, k=rng.randint(1, 3))):
                theme_rows.append(ThemeLink(partnership_id=pk, theme_id=theme.pk))
            for group in set(rng.choices(groups, cum_weights=group_cum, k=rng.randint(0, 2))):
                group_rows.append(GroupLink(partnership_id=pk, populationgroup_id=group.pk))
            areas = {force}
            if rng.random() < 0.1:
                areas.add(rng.choice(forces))
            for area in areas:
                force_rows.append(ForceLink(partnership_id=pk, organisation_id=area.pk))
        with transaction.atomic():
            PartnershipMember.objects.bulk_create(member_rows)
            ThemeLink.objects.bulk_create(theme_rows)
            GroupLink.objects.bulk_create(group_rows)
            ForceLink.objects.bulk_create(force_rows)
            Partnership.objects.bulk_create(rows)
        done = first + size
        if done % 10_000 == 0 or done == n:
            print(f"  {done:,} / {n:,}", flush=True)
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), [Partnership]):
            cursor.execute(sql)


if __name__ == "__main__":
    main()
