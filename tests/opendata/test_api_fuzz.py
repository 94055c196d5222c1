"""Schemathesis fuzzes every operation of /api/v1/openapi.json through the WSGI application, with
the demo case studies in the database: whatever it sends, valid by the document or not, no answer
is a 5xx; every answer (problem details included) matches the document in its status code, media
type, headers and body; and what the document rules out is refused with a 4xx.

The examples are bounded and derandomised, so the run is short and the same each time. (The
operations are fuzzed in one test, so the demo data is loaded once; schemathesis's own pytest
plugin, `from_fixture`, does not run on pytest 9.2.)"""

from io import StringIO

import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from schemathesis import GenerationMode, checks
from schemathesis.specs.openapi import checks as openapi_checks

from config.wsgi import application

pytestmark = pytest.mark.django_db

CHECKS = [
    checks.not_a_server_error,
    openapi_checks.status_code_conformance,
    openapi_checks.content_type_conformance,
    openapi_checks.response_headers_conformance,
    openapi_checks.response_schema_conformance,
    openapi_checks.negative_data_rejection,
]
EXAMPLES = 20
FUZZING = hypothesis_settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(settings, wsgi_requests_keep_the_transaction):
    call_command("seed_demo_data", stdout=StringIO())
    # The per-address limit would answer 429 to most of the fuzzing's requests (all from one
    # address): this test is about every other answer, test_api.py about the 429.
    settings.API_RATE_LIMIT = 1_000_000
    return schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


def fuzz(operation, mode: GenerationMode) -> None:
    @FUZZING
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case):
        # The WSGI transport does not undo Content-Encoding: ask for the body as it is.
        case.call_and_validate(headers={"Accept-Encoding": "identity"}, checks=CHECKS)

    run()


def modes(operation) -> list[GenerationMode]:
    """Negative examples where the document rules something out: a path's slug may be any
    text, and themes and force areas take no parameter, so only the lists' query parameters
    (numbers with bounds) can be sent wrong."""
    if any(parameter.location == "query" for parameter in operation.iter_parameters()):
        return [GenerationMode.POSITIVE, GenerationMode.NEGATIVE]
    return [GenerationMode.POSITIVE]


def test_anonymous_fuzzing_every_api_operation_gets_no_5xx_and_only_documented_answers(
    api_schema,
):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) == 6
    failures = []
    for operation in operations:
        for mode in modes(operation):
            try:
                fuzz(operation, mode)
            except Exception as error:  # noqa: BLE001 - every operation is fuzzed, then reported
                failures.append(f"{operation.label} ({mode}): {error}")
    assert not failures, "\n\n".join(failures)
