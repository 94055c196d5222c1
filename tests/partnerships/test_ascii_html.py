"""Finder pages are written in ASCII (partnerships/ascii_html.py): every character beyond ASCII
in their cards, filter panel, fixed texts and <head> is a numeric character reference, so a page
is one byte a character in Python and its response is encoded by copying. A visitor reads exactly
the same text: curly quotes, dashes, pound signs and ellipses, as written."""

from html import unescape

import pytest
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe

from partnerships.ascii_html import ascii_html
from tests import factories

pytestmark = pytest.mark.django_db

LIST = reverse("partnerships:list")
SUMMARY = "Officers and nurses – together – spent £45m on “street triage”… Café, 🚓."


def test_markup_beyond_ascii_is_written_as_references_that_read_the_same():
    text = "“Café” – £5… 🚓 <b>&amp;"
    written = ascii_html(text)
    assert written == "&#8220;Caf&#233;&#8221; &#8211; &#163;5&#8230; &#128659; <b>&amp;"
    assert written.isascii() and unescape(written) == unescape(text)
    assert not isinstance(written, SafeString)
    assert isinstance(ascii_html(mark_safe(text)), SafeString)  # safe markup stays safe
    plain = "Already ASCII <i>x</i>"
    assert ascii_html(plain) is plain


@pytest.fixture
def curly():
    """A published case study whose title, summary, theme and partner go beyond ASCII."""
    study = factories.partnership(title="Liaison – “diversion” in Gwent", summary=SUMMARY)
    study.themes.add(factories.theme(name="Mental health – crisis", slug="crisis"))
    factories.member(study, factories.organisation(name="Café Trust", slug="cafe"), role="lead")
    return study


def test_a_visitor_on_the_finder_gets_an_ascii_page_that_reads_as_written(anonymous, curly):
    response = anonymous.get(LIST)
    assert response.status_code == 200
    page = response.content.decode("utf-8")
    assert page.isascii()
    text = unescape(page)
    assert "Liaison – “diversion” in Gwent" in text
    assert SUMMARY in text
    assert "Mental health – crisis" in text and "Café Trust" in text
    assert "Use “quotes” for a phrase" in text
    assert "<title>1 case study – Police and public health partnerships</title>" in text


def test_a_visitor_searching_gets_an_ascii_page_with_the_highlighted_passage(anonymous, curly):
    page = anonymous.get(LIST, {"q": "triage", "theme": "crisis"}).content.decode("utf-8")
    assert page.isascii()
    text = unescape(page)
    assert "<mark>triage</mark>" in text
    assert "<title>“triage” – 1 case study – Police" in text
    assert "Tick “Add to comparison” on 2 or 3 case studies" in text


def test_words_typed_beyond_ascii_are_searched_and_shown_as_typed(anonymous, curly):
    response = anonymous.get(LIST, {"q": "café"})
    assert response.status_code == 200
    assert 'value="café"' in response.content.decode("utf-8")  # the search box keeps them
    assert "Liaison – “diversion” in Gwent" in unescape(response.content.decode("utf-8"))


def test_the_case_study_page_keeps_its_description_data_as_written(anonymous, curly):
    page = anonymous.get(curly.get_absolute_url()).content.decode("utf-8")
    assert "<title>Liaison &#8211; &#8220;diversion&#8221; in Gwent &#8211; Police" in page
    # The page's body (and its JSON-LD data block, never written with references) is untouched.
    assert '<h1 class="govuk-heading-xl">Liaison – “diversion” in Gwent</h1>' in page
    data = page.split('<script type="application/ld+json">')[1].split("</script>")[0]
    assert "&#8220;" not in data and "diversion" in data


def test_a_visitor_on_a_theme_page_gets_an_ascii_page_that_reads_as_written(anonymous, curly):
    theme = curly.themes.get()
    theme.summary = "Crisis care – the “golden hour”."
    theme.save()
    page = anonymous.get(reverse("themes:detail", args=[theme.slug])).content.decode("utf-8")
    assert page.isascii()  # its introduction is remembered markup ({% memo %}), kept in ASCII
    text = unescape(page)
    assert '<p class="govuk-body-l">Crisis care – the “golden hour”.</p>' in text
    assert "Liaison – “diversion” in Gwent" in text
