"""The themes index, as an anonymous visitor sees it."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_anonymous_sees_each_theme_group_heading_once_priority_first(anonymous):
    # Made in an order that mixes the groups, each theme with a case study (the count's GROUP BY
    # is what once dropped the model's ordering).
    for name, priority, position in [
        ("Road safety", False, 20),
        ("Mental health and crisis care", True, 1),
        ("Knife crime", False, 10),
        ("Substance misuse", True, 2),
    ]:
        theme = factories.theme(name=name, is_priority=priority, position=position)
        factories.partnership(title=f"About {name}").themes.add(theme)

    response = anonymous.get(reverse("themes:list"))

    html = response.content.decode()
    assert html.count("Priority themes</h2>") == 1
    assert html.count("Other themes</h2>") == 1
    order = [
        html.index(text)
        for text in [
            "Priority themes</h2>",
            "Mental health and crisis care",
            "Substance misuse",
            "Other themes</h2>",
            "Knife crime",
            "Road safety",
        ]
    ]
    assert order == sorted(order)
    assert [t.name for t in response.context["themes"]] == [
        "Mental health and crisis care",
        "Substance misuse",
        "Knife crime",
        "Road safety",
    ]
