"""The accessibility checker itself: axe must report a broken page, so a silent axe cannot pass."""

import pytest

BROKEN = """<!DOCTYPE html>
<html lang="en-GB">
<head><title>Broken</title></head>
<body>
  <main>
    <h1>Broken page</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    <input type="text" name="unlabelled">
  </main>
</body>
</html>"""

CLEAN = """<!DOCTYPE html>
<html lang="en-GB">
<head><title>Clean</title></head>
<body>
  <main>
    <h1>Clean page</h1>
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="A dot">
    <label for="name">Name</label>
    <input type="text" id="name" name="name">
  </main>
</body>
</html>"""


@pytest.mark.browser
def test_axe_reports_an_image_without_alt_and_an_input_without_label(page, axe_violations):
    page.set_content(BROKEN)
    violations = axe_violations(page)
    rule_ids = {violation["id"] for violation in violations}
    assert "image-alt" in rule_ids
    assert "label" in rule_ids
    targets = {target for v in violations for node in v["nodes"] for target in node["target"]}
    assert {"img", "input"} <= targets


@pytest.mark.browser
def test_axe_reports_nothing_on_a_clean_page(page, axe_violations):
    page.set_content(CLEAN)
    assert axe_violations(page) == []
