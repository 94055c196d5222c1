"""Touches to the OpenAPI document django-ninja generates: errors are described as RFC 9457
problem details (application/problem+json), as api.problems sends them."""

from __future__ import annotations

PROBLEM_MEDIA_TYPE = "application/problem+json"
PROBLEM_STATUSES = {
    "400": "A parameter could not be used; invalid_params names it and says why",
    "404": "Not found",
    "429": "Too many requests from this address; Retry-After says when to try again",
}


def with_problem_responses(schema: dict) -> dict:
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            # Status codes as strings, as OpenAPI has them (django-ninja gives ints).
            operation["responses"] = {str(k): v for k, v in operation["responses"].items()}
            for status, description in PROBLEM_STATUSES.items():
                response = operation.get("responses", {}).get(status)
                if response is None:
                    continue
                content = response.get("content", {})
                media = content.pop("application/json", None) or {
                    "schema": {"$ref": "#/components/schemas/Problem"}
                }
                response["content"] = {PROBLEM_MEDIA_TYPE: media}
                response["description"] = description
    return schema
