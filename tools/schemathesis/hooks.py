"""Schemathesis hooks for brisk's examples (loaded by run.sh through SCHEMATHESIS_HOOKS).

brisk's OpenAPI document is FastAPI's byte for byte (brisk/tests/it/openapi.rs asserts it), so
it leaves out two things brisk does on purpose, as FastAPI leaves them out. This hook adds them
to the copy of the document schemathesis tests against; the served document is unchanged.
README.md beside this file gives the reasons. Each addition is as narrow as the behaviour:

1. Integer bounds. Every integer in these examples is a Rust `i64`, documented as FastAPI's
   unbounded `{"type": "integer"}`; brisk answers 422 `less_than_equal` / `greater_than_equal`
   outside the type (decision 0002, "integers beyond the Rust type"). The i64 range is added
   to each integer schema that has no bound of its own, so positive data stays in range and
   negative data checks that brisk rejects what is beyond it.
2. 400 for a body JSON cannot even be decoded. A body that is not UTF-8 (or holds an integer
   of more than 4300 digits) is answered `400 {"detail":"There was an error parsing the
   body"}`, as FastAPI answers it (brisk/src/extract/body.rs). A 400 whose body is
   `{"detail": <string>}` is added to operations that take a request body, and only to them.
"""

from __future__ import annotations

from typing import Any

import schemathesis

I64_MIN = -(2**63)
I64_MAX = 2**63 - 1

BODY_NOT_DECODABLE = {
    "description": "The body is not UTF-8 JSON (brisk and FastAPI alike; not in their documents)",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "properties": {"detail": {"type": "string", "const": "There was an error parsing the body"}},
                "required": ["detail"],
                "additionalProperties": False,
            }
        }
    },
}

METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _is_integer(schema: dict[str, Any]) -> bool:
    kind = schema.get("type")
    return kind == "integer" or (isinstance(kind, list) and "integer" in kind)


def _bound_integers(node: Any) -> None:
    if isinstance(node, dict):
        if _is_integer(node):
            if "minimum" not in node and "exclusiveMinimum" not in node:
                node["minimum"] = I64_MIN
            if "maximum" not in node and "exclusiveMaximum" not in node:
                node["maximum"] = I64_MAX
        for value in node.values():
            _bound_integers(value)
    elif isinstance(node, list):
        for value in node:
            _bound_integers(value)


@schemathesis.hook
def before_load_schema(context: Any, raw_schema: dict[str, Any]) -> None:
    for item in raw_schema.get("paths", {}).values():
        for method in METHODS:
            operation = item.get(method)
            if not isinstance(operation, dict):
                continue
            # Request side only: parameters and bodies (bodies are `$ref`s into components).
            _bound_integers(operation.get("parameters", []))
            _bound_integers(operation.get("requestBody", {}))
            if "requestBody" in operation:
                operation.setdefault("responses", {}).setdefault("400", BODY_NOT_DECODABLE)
    _bound_integers(raw_schema.get("components", {}).get("schemas", {}))
