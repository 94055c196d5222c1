"""What base.html needs to say a page's title and description more than once (in <title>, the
meta description and the Open Graph tags) while each page still fills one block for each."""

from django import template
from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe

from partnerships.ascii_html import ascii_html

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str):
        self.nodelist = nodelist
        self.name = name

    def render(self, context) -> str:
        # Whitespace from template indentation is collapsed: these values go into attributes.
        text = " ".join(self.nodelist.render(context).split())
        context[self.name] = mark_safe(text.replace('"', "&quot;"))
        return ""


@register.tag
def capture(parser, token) -> CaptureNode:
    """`{% capture as name %}…{% endcapture %}` renders its content (blocks included, so child
    templates still fill them) into the context variable `name` and outputs nothing."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def canonical_url(context) -> str:
    """This page's address on the real site: SITE_URL and the path, without the query string
    (filtered and paged finder views name the finder itself as the page to index)."""
    request = context.get("request")
    path = escape_uri_path(request.path) if request is not None else "/"
    return settings.SITE_URL + path


SITE_NAME = "Police and public health partnerships"


@register.simple_tag(takes_context=True)
def page_head(context) -> SafeString:
    """The <head>'s title and meta tags from what `capture` took of the page's blocks
    (page_title, page_description, og_type) and the canonical address: one tag rather than the
    twenty-odd template nodes base.html had for them, on every page. "Error: " leads the title
    when the page's form has errors, as `{% if form.errors %}` said."""
    title, description = context.get("page_title", ""), context.get("page_description", "")
    url, og_type = canonical_url(context), context.get("og_type", "")
    title, description = conditional_escape(title), conditional_escape(description)
    url, og_type = conditional_escape(url), conditional_escape(og_type)
    error = "Error: " if _has_errors(context.get("form")) else ""
    meta = f'<meta name="description" content="{description}">' if description else ""
    og_description = (
        f'<meta property="og:description" content="{description}">' if description else ""
    )
    head = (
        f"<title>{error}{title} – {SITE_NAME}</title>\n"
        f"  {meta}\n"
        f'  <link rel="canonical" href="{url}">\n'
        f'  <meta property="og:site_name" content="{SITE_NAME}">\n'
        f'  <meta property="og:type" content="{og_type}">\n'
        f'  <meta property="og:title" content="{title}">\n'
        f"  {og_description}\n"
        f'  <meta property="og:url" content="{url}">\n'
        '  <meta property="og:locale" content="en_GB">\n'
        '  <meta name="viewport" content="width=device-width, initial-scale=1, '
        'viewport-fit=cover">\n'
        '  <meta name="theme-color" content="#1d70b8">\n'
        "  "
    )
    # Written in ASCII (partnerships/ascii_html.py) as the finder's remembered parts are, so that a
    # finder page's text stays one byte a character.
    return mark_safe(ascii_html(head))


def _has_errors(form) -> bool:
    """`{% if form.errors %}`: a form (or formset) in the context with errors."""
    if form is None:
        return False
    errors = getattr(form, "errors", None)
    return bool(errors() if callable(errors) else errors)
