"""Police force area boundaries: shapes, neighbours and SVG maps (ONS data, fixtures/geography/)."""

from practice.geography.shapes import ATTRIBUTION, areas, neighbouring_areas

__all__ = ["ATTRIBUTION", "areas", "neighbouring_areas"]
