"""schemathesis against the service's OpenAPI document, on each database.

Every operation gets generated requests, valid and invalid ones: no answer may be a
server error, and every answer must be one the OpenAPI document describes (status,
media type, headers and body schema).
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

#: Requests per operation and generation mode: enough to reach every parameter's
#: corners, few enough that both databases are checked in about a minute. Generating a
#: document from the whole document schema is slow, so operations reading one get fewer.
EXAMPLES = 15
EXAMPLES_WITH_BODY = 6
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.mark.parametrize("mode", list(GenerationMode), ids=str)
def test_every_answer_conforms_and_none_is_a_server_error(
    service: Any, mode: GenerationMode
) -> None:
    schema = schemathesis.openapi.from_url(f"{service.url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) == 7

    for operation in operations:

        @settings(
            max_examples=EXAMPLES_WITH_BODY if operation.body else EXAMPLES,
            deadline=None,
            derandomize=True,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def check(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=service.url, checks=CHECKS)

        check()
