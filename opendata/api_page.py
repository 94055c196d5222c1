"""/data/api/: the API described for people, read off its OpenAPI document."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe


def _operations(schema: dict) -> list[dict]:
    operations = []
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            parameters = [
                {
                    "name": parameter["name"],
                    "where": parameter["in"],
                    "repeatable": parameter.get("schema", {}).get("type") == "array",
                    "description": parameter.get("description")
                    or parameter.get("schema", {}).get("description", ""),
                }
                for parameter in operation.get("parameters", [])
            ]
            operations.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": parameters,
                    "id": operation.get("operationId", ""),
                }
            )
    return operations


@require_safe
def api_page(request: HttpRequest) -> HttpResponse:
    from api.api import api

    schema = api.get_openapi_schema()
    return render(
        request,
        "opendata/api.html",
        {
            "operations": _operations(schema),
            "info": schema["info"],
            "rate_limit": settings.API_RATE_LIMIT,
        },
    )
