"""What base.html needs to say a page's title and description more than once (in <title>, the
meta description and the Open Graph tags) while each page still fills one block for each."""

from django import template
from django.conf import settings
from django.utils.encoding import escape_uri_path
from django.utils.safestring import mark_safe

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
