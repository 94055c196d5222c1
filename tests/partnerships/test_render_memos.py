"""Parts of pages rendered once and kept (partnerships/templatetags/memo.py and cards.py) never
show one person's page to another, follow the page they are on, and keep escaping exact."""

import pytest
from django.template import TemplateSyntaxError, engines
from django.urls import reverse
from django.utils.safestring import mark_safe

from partnerships.cards import Card
from tests import factories

pytestmark = pytest.mark.django_db


def navigation(response) -> str:
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


def test_a_signed_in_editor_sees_their_own_navigation_after_anonymous_visitors(anonymous, editor):
    themes = reverse("themes:list")
    before = navigation(anonymous.get(themes))
    assert "Sign in" in before and "Moderation" not in before

    theirs = navigation(editor.get(themes))
    assert "Moderation" in theirs and "Sign out" in theirs and "Sign in" not in theirs
    assert 'name="csrfmiddlewaretoken"' in theirs  # the sign-out form's own token

    after = navigation(anonymous.get(themes))
    assert after == before


def test_the_navigation_marks_the_page_it_is_on(anonymous):
    on_themes = navigation(anonymous.get(reverse("themes:list")))
    on_finder = navigation(anonymous.get(reverse("partnerships:list")))
    assert on_themes != on_finder
    current = 'aria-current="page"><strong class="govuk-service-navigation__active-fallback">'
    assert current + "Themes" in on_themes
    assert current + "Case studies" in on_finder


def card(summary) -> Card:
    return Card(
        pk=1,
        title="Street triage",
        url="/partnerships/street-triage/",
        summary=summary,
        snippet=None,
        years="2015 to 2017",
        work_state="Finished",
        evaluation="Before and after",
        evidence_rating="Level 2",
        themes=(),
        leads=(),
    )


def test_a_plain_summary_is_escaped_and_a_highlighted_one_is_not_although_they_are_equal():
    template = engines["django"].from_string(
        "{% load cards %}{% case_study_card plain %}|{% case_study_card marked %}"
    )
    text = "Nurses <mark>and</mark> officers"
    plain_html, marked_html = template.render(
        {"plain": card(text), "marked": card(mark_safe(text))}
    ).split("|")
    assert "Nurses &lt;mark&gt;and&lt;/mark&gt; officers" in plain_html
    assert "Nurses <mark>and</mark> officers" in marked_html


def test_a_changed_case_study_shows_its_change_on_the_next_page(anonymous):
    p = factories.partnership(title="Street triage")
    anonymous.get(reverse("partnerships:list"))
    p.summary = "A new summary, reviewed this year."
    p.save()
    assert (
        "A new summary, reviewed this year."
        in anonymous.get(reverse("partnerships:list")).content.decode()
    )


def test_a_memo_cannot_hold_a_block():
    """A page's own block would be kept for every page; and {% extends %} does not look inside
    memos for blocks."""
    with pytest.raises(TemplateSyntaxError, match="cannot hold a"):
        engines["django"].from_string(
            '{% load memo %}{% memo "x" %}{% block main %}{% endblock %}{% endmemo %}'
        )


def test_a_page_still_fills_the_blocks_around_the_memos(anonymous):
    html = anonymous.get(reverse("partnerships:about")).content.decode()
    assert html.count("<header") == 1 and html.count("<footer") == 1
    assert html.index("</header>") < html.index('id="main-content"') < html.index("<footer")
    assert html.rstrip().endswith("</html>")


class _Message:
    def __init__(self, level_tag: str, text: str) -> None:
        self.level_tag, self.text = level_tag, text

    def __str__(self) -> str:
        return self.text


def test_messages_show_as_banners_and_are_escaped():
    template = engines["django"].get_template("pages/cookies.html")
    messages = [_Message("success", "Case study <b>submitted</b>"), _Message("info", "Note")]
    html = " ".join(template.render({"messages": messages}).split())
    assert html.count('data-module="govuk-notification-banner"') == 2
    assert (
        'class="govuk-notification-banner govuk-notification-banner--success" role="alert"' in html
    )
    assert 'id="notification-banner-title-1">Success</h2>' in html
    assert 'id="notification-banner-title-2">Important</h2>' in html
    assert "Case study &lt;b&gt;submitted&lt;/b&gt;" in html
    assert "govuk-notification-banner" not in template.render({"messages": []})
