"""`{% memo "name" value ... %}…{% endmemo %}`: markup rendered once per distinct set of values,
then kept for the life of the process.

For parts of every page that depend on nothing but the values named in the tag (the service
navigation depends on the page's view name; the footer on nothing): rendering them through the
template engine on every request was a large share of a page's time. The rule for using it: the
block must read only the values given to the tag (and constants such as `{% url %}` and
`{% static %}`); never a CSRF token, a CSP nonce, a form's errors or anything about a person.
A GET form without errors may be memoised with everything its fields show in the key (the
organisations index's filters: the change stamp for their region choices and the chosen
values). As a safeguard, nothing is memoised for a signed-in person: their pages render the
block each time. Templates change only with a deploy, which restarts the processes and so
empties the memo. The markup is kept written in ASCII (partnerships/ascii_html.py), so a memo
holds HTML text and attributes only: never the contents of a <script> or <style>.

A memo holds no `{% block %}` (a page's own block would be kept for every page) and says so to
the template engine (`child_nodelists`): `{% extends %}` looks through the whole parent template
for its blocks on every render, and the service navigation is most of base.html's nodes.
"""

from django import template
from django.template.loader_tags import BlockNode
from django.utils.safestring import mark_safe

from partnerships.ascii_html import ascii_html
from partnerships.memory import Memo

register = template.Library()

_memo = Memo(512)


class MemoNode(template.Node):
    child_nodelists = ()  # nothing inside is a block (checked in `memo` below)

    def __init__(self, nodelist: template.NodeList, values: list[template.base.FilterExpression]):
        self.nodelist, self.values = nodelist, values

    def render(self, context: template.Context) -> str:
        user = context.get("user")
        if user is not None and getattr(user, "is_authenticated", False):
            return self.nodelist.render(context)
        key = (id(self), *(value.resolve(context) for value in self.values))
        return mark_safe(_memo.get(key, lambda: ascii_html(self.nodelist.render(context))))


@register.tag
def memo(parser: template.base.Parser, token: template.base.Token) -> MemoNode:
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError('{% memo %} needs a name: {% memo "footer" %}')
    nodelist = parser.parse(("endmemo",))
    parser.delete_first_token()
    if nodelist.get_nodes_by_type(BlockNode):
        raise template.TemplateSyntaxError("{% memo %} cannot hold a {% block %}")
    return MemoNode(nodelist, [parser.compile_filter(bit) for bit in bits])


def forget() -> None:
    """Empty the memo (tests that render the same block in different settings)."""
    _memo.clear()
