"""Django's form templates, overridden in templates/django/forms/ with GOV.UK Design System markup.

A throwaway form is rendered field by field ({{ form.x.as_field_group }}) unbound and bound with
errors, and through includes/error_summary.html.
"""

from html.parser import HTMLParser

import pytest
from django import forms
from django.template import Context, Template


class ThrowawayForm(forms.Form):
    title = forms.CharField(max_length=10, help_text="Keep it short.")
    kind = forms.ChoiceField(
        choices=[("street-triage", "Street triage"), ("custody", "Custody liaison")],
        widget=forms.RadioSelect,
        help_text="Choose one.",
    )
    themes = forms.MultipleChoiceField(
        choices=[("mental-health", "Mental health"), ("drugs", "Drugs and alcohol")],
        widget=forms.CheckboxSelectMultiple,
    )
    summary = forms.CharField(widget=forms.Textarea)
    region = forms.ChoiceField(choices=[("", "Choose a region"), ("north-east", "North East")])
    agree = forms.BooleanField(help_text="You must agree.")
    next_url = forms.CharField(widget=forms.HiddenInput, required=False)

    def clean(self):
        cleaned_data = super().clean()
        if cleaned_data.get("title") == "clash":
            raise forms.ValidationError("This partnership already exists.")
        return cleaned_data


INVALID = {
    "title": "<script>alert(1)</script>",  # too long, and must come back escaped
    "kind": "not-a-choice",
    "summary": '"Quotes" & <b>tags</b>',
    "region": "",
}
VALID_CHOICES_OTHERS_MISSING = {
    "title": "clash",
    "kind": "custody",
    "themes": ["drugs"],
    "region": "north-east",
    "agree": "on",
}


class Element:
    def __init__(self, tag: str, attrs: dict[str, str | None]):
        self.tag = tag
        self.attrs = attrs
        self.text = ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())


class _Collector(HTMLParser):
    """Every element with its attributes and the text directly or indirectly inside it."""

    VOID = {"input", "br", "img", "meta", "link", "hr"}

    def __init__(self):
        super().__init__()
        self.elements: list[Element] = []
        self._open: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag):
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                del self._open[index:]
                break

    def handle_data(self, data):
        for element in self._open:
            element.text += data


def parse(html: str) -> list[Element]:
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.elements


def find(html: str, tag: str, **attrs: str) -> Element:
    """The one element with this tag and these attribute values.

    Attribute names are Python names: `for_`, `class_`, `data_module` for data-module.
    """
    wanted = {name.rstrip("_").replace("_", "-"): value for name, value in attrs.items()}
    matches = [
        element
        for element in parse(html)
        if element.tag == tag and all(element.attrs.get(k) == v for k, v in wanted.items())
    ]
    assert len(matches) == 1, f"expected one <{tag} {wanted}>, found {len(matches)} in:\n{html}"
    return matches[0]


def find_all(html: str, tag: str, css_class: str) -> list[Element]:
    return [e for e in parse(html) if e.tag == tag and css_class in e.classes]


def group(form: forms.Form, name: str) -> str:
    return str(form[name].as_field_group())


@pytest.fixture
def unbound() -> ThrowawayForm:
    return ThrowawayForm()


@pytest.fixture
def invalid() -> ThrowawayForm:
    form = ThrowawayForm(data=INVALID)
    assert not form.is_valid()
    return form


@pytest.fixture
def invalid_but_choices_valid() -> ThrowawayForm:
    form = ThrowawayForm(data=VALID_CHOICES_OTHERS_MISSING)
    assert not form.is_valid()
    return form


# Unbound: the plain GOV.UK markup.


def test_text_input_is_a_form_group_with_label_hint_and_described_input(unbound):
    html = group(unbound, "title")
    form_group = parse(html)[0]
    assert form_group.tag == "div"
    assert form_group.classes == {"govuk-form-group"}
    label = find(html, "label", for_="id_title")
    assert "govuk-label" in label.classes
    assert label.text.strip() == "Title"
    hint = find(html, "div", id="id_title_helptext")
    assert hint.classes == {"govuk-hint"}
    assert hint.text == "Keep it short."
    field = find(html, "input", id="id_title")
    assert field.classes == {"govuk-input"}
    assert field.attrs["type"] == "text"
    assert field.attrs["aria-describedby"] == "id_title_helptext"
    assert "aria-invalid" not in field.attrs
    assert "govuk-error-message" not in html


def test_radios_are_a_fieldset_with_legend_and_govuk_items(unbound):
    html = group(unbound, "kind")
    fieldset = find(html, "fieldset")
    assert fieldset.classes == {"govuk-fieldset"}
    assert fieldset.attrs["aria-describedby"] == "id_kind_helptext"
    legend = find(html, "legend")
    assert "govuk-fieldset__legend" in legend.classes
    assert legend.text == "Kind"
    assert find(html, "div", id="id_kind_helptext").classes == {"govuk-hint"}
    radios = find(html, "div", id="id_kind")
    assert radios.classes == {"govuk-radios"}
    assert radios.attrs["data-module"] == "govuk-radios"
    assert len(find_all(html, "div", "govuk-radios__item")) == 2
    first = find(html, "input", id="id_kind_0")
    assert first.classes == {"govuk-radios__input"}
    assert first.attrs["type"] == "radio"
    assert first.attrs["value"] == "street-triage"
    assert "checked" not in first.attrs
    label = find(html, "label", for_="id_kind_0")
    assert label.classes == {"govuk-label", "govuk-radios__label"}
    assert label.text == "Street triage"
    assert html.index('id="id_kind_0"') < html.index('for="id_kind_0"')  # label after input


def test_checkbox_list_is_a_fieldset_with_govuk_checkboxes(unbound):
    html = group(unbound, "themes")
    assert find(html, "legend").text == "Themes"
    assert "aria-describedby" not in find(html, "fieldset").attrs  # no hint, no error
    assert find(html, "div", id="id_themes").classes == {"govuk-checkboxes"}
    assert len(find_all(html, "div", "govuk-checkboxes__item")) == 2
    second = find(html, "input", id="id_themes_1")
    assert second.classes == {"govuk-checkboxes__input"}
    assert second.attrs["type"] == "checkbox"
    assert second.attrs["name"] == "themes"
    label = find(html, "label", for_="id_themes_1")
    assert label.classes == {"govuk-label", "govuk-checkboxes__label"}


def test_textarea_and_select_get_govuk_classes(unbound):
    textarea = find(group(unbound, "summary"), "textarea", id="id_summary")
    assert textarea.classes == {"govuk-textarea"}
    assert textarea.text.strip() == ""
    html = group(unbound, "region")
    select = find(html, "select", id="id_region")
    assert select.classes == {"govuk-select"}
    assert find(html, "label", for_="id_region").text == "Region"
    assert [o.attrs["value"] for o in parse(html) if o.tag == "option"] == ["", "north-east"]


def test_single_checkbox_has_its_label_and_hint_after_the_box(unbound):
    html = group(unbound, "agree")
    assert find(html, "div", data_module="govuk-checkboxes").classes == {"govuk-checkboxes"}
    box = find(html, "input", id="id_agree")
    assert box.classes == {"govuk-checkboxes__input"}
    assert box.attrs["aria-describedby"] == "id_agree_helptext"
    label = find(html, "label", for_="id_agree")
    assert label.classes == {"govuk-label", "govuk-checkboxes__label"}
    assert find(html, "div", id="id_agree_helptext").classes == {
        "govuk-hint",
        "govuk-checkboxes__hint",
    }
    assert html.index('id="id_agree"') < html.index('for="id_agree"')
    assert "<fieldset" not in html


def test_hidden_field_renders_only_the_input(unbound):
    html = group(unbound, "next_url").strip()
    assert html.startswith('<input type="hidden"')
    assert "govuk-form-group" not in html
    assert "<label" not in html


# Bound with errors.


def test_text_input_with_error_is_marked_and_keeps_escaped_input(invalid):
    html = group(invalid, "title")
    assert parse(html)[0].classes == {"govuk-form-group", "govuk-form-group--error"}
    error = find(html, "p", id="id_title_error")
    assert error.classes == {"govuk-error-message"}
    assert (
        error.text.split()
        == "Error: Ensure this value has at most 10 characters (it has 25).".split()
    )
    hidden_prefix = find(html, "span", class_="govuk-visually-hidden")
    assert hidden_prefix.text == "Error:"
    field = find(html, "input", id="id_title")
    assert field.classes == {"govuk-input", "govuk-input--error"}
    assert field.attrs["aria-invalid"] == "true"
    assert field.attrs["aria-describedby"] == "id_title_helptext id_title_error"
    assert field.attrs["value"] == "<script>alert(1)</script>"  # the parser unescapes it...
    assert 'value="&lt;script&gt;alert(1)&lt;/script&gt;"' in html  # ...it was escaped
    assert "<script" not in html


def test_radios_with_error_describe_the_fieldset(invalid):
    html = group(invalid, "kind")
    assert "govuk-form-group--error" in parse(html)[0].classes
    fieldset = find(html, "fieldset")
    assert fieldset.attrs["aria-describedby"] == "id_kind_helptext id_kind_error"
    error = find(html, "p", id="id_kind_error")
    assert "not-a-choice is not one of the available choices" in error.text
    assert error.text.startswith("Error:")
    for item in find_all(html, "input", "govuk-radios__input"):
        assert "checked" not in item.attrs


def test_checkbox_list_textarea_select_and_checkbox_with_errors(invalid):
    themes = group(invalid, "themes")
    assert "govuk-form-group--error" in parse(themes)[0].classes
    assert find(themes, "fieldset").attrs["aria-describedby"] == "id_themes_error"
    assert "This field is required." in find(themes, "p", id="id_themes_error").text

    summary = group(invalid, "summary")  # valid: kept, escaped, no error
    assert "govuk-form-group--error" not in parse(summary)[0].classes
    textarea = find(summary, "textarea", id="id_summary")
    assert textarea.classes == {"govuk-textarea"}
    assert textarea.text.strip() == '"Quotes" & <b>tags</b>'
    assert "&quot;Quotes&quot; &amp; &lt;b&gt;tags&lt;/b&gt;" in summary

    region = group(invalid, "region")
    select = find(region, "select", id="id_region")
    assert select.classes == {"govuk-select", "govuk-select--error"}
    assert select.attrs["aria-describedby"] == "id_region_error"
    assert find(region, "p", id="id_region_error").classes == {"govuk-error-message"}

    agree = group(invalid, "agree")
    assert "govuk-form-group--error" in parse(agree)[0].classes
    box = find(agree, "input", id="id_agree")
    assert box.classes == {"govuk-checkboxes__input"}
    assert box.attrs["aria-describedby"] == "id_agree_helptext id_agree_error"
    assert agree.index('id="id_agree_error"') < agree.index('id="id_agree"')


def test_chosen_options_are_kept(invalid_but_choices_valid):
    form = invalid_but_choices_valid
    assert "checked" in find(group(form, "kind"), "input", id="id_kind_1").attrs
    assert "checked" not in find(group(form, "kind"), "input", id="id_kind_0").attrs
    assert "checked" in find(group(form, "themes"), "input", id="id_themes_1").attrs
    assert "selected" in find(group(form, "region"), "option", value="north-east").attrs
    assert "checked" in find(group(form, "agree"), "input", id="id_agree").attrs
    assert find(group(form, "title"), "input", id="id_title").attrs["value"] == "clash"


def test_several_errors_on_one_field_each_get_a_message():
    class TwoErrors(forms.Form):
        code = forms.CharField()

        def clean_code(self):
            self.add_error("code", "First problem.")
            raise forms.ValidationError("Second problem.")

    form = TwoErrors(data={"code": "x"})
    assert not form.is_valid()
    html = group(form, "code")
    wrapper = find(html, "div", id="id_code_error")
    messages = find_all(html, "p", "govuk-error-message")
    assert [m.text.split(" ", 1)[1] for m in messages] == ["First problem.", "Second problem."]
    assert all(m.text.startswith("Error:") for m in messages)
    assert "First problem." in wrapper.text
    assert find(html, "input", id="id_code").attrs["aria-describedby"] == "id_code_error"


# The error summary.


def render_summary(form: forms.Form) -> str:
    template = Template('{% include "includes/error_summary.html" with form=form %}')
    return template.render(Context({"form": form}))


def test_error_summary_links_every_error_to_its_field(invalid):
    html = render_summary(invalid)
    summary = find(html, "div", data_module="govuk-error-summary")
    assert summary.classes == {"govuk-error-summary"}
    assert find(html, "div", role="alert")
    assert find(html, "h2").text == "There is a problem"
    links = [(e.attrs["href"], e.text) for e in parse(html) if e.tag == "a"]
    assert links == [
        ("#id_title", "Ensure this value has at most 10 characters (it has 25)."),
        ("#id_kind_0", "Select a valid choice. not-a-choice is not one of the available choices."),
        ("#id_themes_0", "This field is required."),
        ("#id_region", "This field is required."),
        ("#id_agree", "This field is required."),
    ]


def test_error_summary_lists_non_field_errors_and_respects_prefixes(invalid_but_choices_valid):
    html = render_summary(invalid_but_choices_valid)
    items = find_all(html, "ul", "govuk-error-summary__list")[0].text.split("\n")
    assert "This partnership already exists." in [line.strip() for line in items]
    assert find(html, "a", href="#id_summary").text == "This field is required."

    prefixed = ThrowawayForm(data={"filter-kind": "nope"}, prefix="filter")
    assert not prefixed.is_valid()
    assert find(render_summary(prefixed), "a", href="#id_filter-kind_0")


def test_error_summary_is_empty_for_unbound_and_valid_forms(unbound):
    assert render_summary(unbound).strip() == ""
    valid = ThrowawayForm(data={**VALID_CHOICES_OTHERS_MISSING, "title": "ok", "summary": "s"})
    assert valid.is_valid(), valid.errors
    assert render_summary(valid).strip() == ""
