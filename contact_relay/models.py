"""The one thing the contact relay keeps: how many messages each case study's contact was sent.
The messages themselves are not stored (they wait in the task queue only until sent)."""

from django.db import models
from django.db.models import F


class MessageCount(models.Model):
    partnership = models.OneToOneField(
        "partnerships.Partnership", on_delete=models.CASCADE, related_name="contact_messages"
    )
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.partnership}: {self.count}"

    @classmethod
    def add_one(cls, partnership) -> None:
        cls.objects.get_or_create(partnership=partnership)
        cls.objects.filter(partnership=partnership).update(count=F("count") + 1)

    @classmethod
    def of(cls, partnership_id: int) -> int:
        row = cls.objects.filter(partnership_id=partnership_id).first()
        return row.count if row else 0
