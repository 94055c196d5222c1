"""The start-years bar chart: a bar a year on a time axis, drawn from the table beneath it."""

from practice.charts import bar_chart
from practice.tables import Cell, Row, Table


def years_table(counts: dict[str, int]) -> Table:
    rows = [Row(year, [Cell(count)]) for year, count in counts.items()]
    return Table("start-years", "When", "By year", "Year started", ["Case studies"], rows)


def test_each_year_from_the_first_to_the_last_has_a_slot_and_unknown_is_left_out():
    svg = bar_chart(years_table({"2010": 2, "2013": 4, "Not known": 9}), "Bars & years")
    bars = svg.count('class="app-chart__bar"')
    assert bars == 4  # 2010, 2011, 2012 and 2013: the two years without any are empty
    assert 'height="0.0"' in svg
    assert "Most in a year: 4" in svg
    assert 'aria-label="Bars &amp; years"' in svg and 'role="img"' in svg


def test_no_known_year_draws_no_chart():
    assert bar_chart(years_table({"Not known": 3}), "Nothing") == ""
