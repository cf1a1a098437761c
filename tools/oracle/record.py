#!/usr/bin/env python3
"""Record real FastAPI wire answers into JSON golden files for brisk's Rust tests.

Run with the oracle venv's interpreter (it must be able to import fastapi/uvicorn):

    /tmp/oracle-venv/bin/python tools/oracle/record.py            # every app
    /tmp/oracle-venv/bin/python tools/oracle/record.py seed_app   # some apps

For each app in tools/oracle/apps/ this starts ONE uvicorn process (``--http h11``)
on 127.0.0.1, sends every case below in order as raw HTTP/1.1 bytes over a fresh
socket (``Connection: close``), reads until the server closes (bounded by
timeouts), parses the answer and writes ``brisk/tests/golden/<app>.json``.

Request wire format (what the Rust replayer must reproduce):

    <METHOD> <target> HTTP/1.1\r\n
    Host: 127.0.0.1:<port>\r\n
    <each of case["headers"], in order>\r\n
    Content-Length: <UTF-8 byte length of body>\r\n      (only when body is not null)
    Connection: close\r\n
    \r\n
    <body>

Only the standard library is used here; FastAPI runs in the child process.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
APPS_DIR = HERE / "apps"
REPO_ROOT = HERE.parent.parent
DEFAULT_OUT = REPO_ROOT / "brisk" / "tests" / "golden"

HOST = "127.0.0.1"
RECV_TIMEOUT = 5.0  # seconds of silence before we give up on one read
CASE_DEADLINE = 10.0  # total seconds allowed for one exchange
STARTUP_DEADLINE = 30.0  # seconds to wait for uvicorn to accept connections
# Fixed hash seed so that Python set order (e.g. the `allow` header of a
# multi-method route) is the same on every re-recording.
HASH_SEED = "0"
# Preferred ports (re-recording then gives byte-identical files); a random free
# port is used when the preferred one is taken.
PREFERRED_PORT_BASE = 18101
EXCLUDED_RESPONSE_HEADERS = {"date", "server", "connection"}

JSON_CT = [["content-type", "application/json"]]


def case(name, method, target, headers=None, body=None, note=None):
    c = {
        "name": name,
        "method": method,
        "target": target,
        "headers": [list(h) for h in (headers or [])],
        "body": body,
    }
    if note:
        c["note"] = note
    return c


# --------------------------------------------------------------------------
# Cases, per app, in the order they are sent (order matters: seed_app is stateful).
# --------------------------------------------------------------------------

SEED_CASES = [
    # reference §2, in transcript order
    case("create 201", "POST", "/items?name=apple"),
    case("create missing name 422", "POST", "/items"),
    case("delete 204 return None", "DELETE", "/items/5"),
    case("delete non-int id 422", "DELETE", "/items/abc"),
    case("delete explicit Response(204)", "DELETE", "/items-explicit/5"),
    case("upsert creates 201", "PUT", "/items/7?name=pear"),
    case("upsert updates 200", "PUT", "/items/7?name=plum"),
    case("get with injected header", "GET", "/items/7"),
    case("upsert missing name 422", "PUT", "/items/7"),
    # extras
    case("upsert updates again 200", "PUT", "/items/7?name=fig"),
    case("upsert another new id 201", "PUT", "/items/8?name=kiwi"),
    case("upsert bad id and missing name 422", "PUT", "/items/x"),
    case("get non-int id 422", "GET", "/items/abc"),
    case("get negative id", "GET", "/items/-1"),
    case("get zero-padded id", "GET", "/items/007"),
    case("get big id", "GET", "/items/12345678901234567890"),
    case("create empty name", "POST", "/items?name="),
    case("create percent-encoded name", "POST", "/items?name=a%20b"),
    case("create plus in query is space", "POST", "/items?name=a+b"),
    case("create non-ascii name", "POST", "/items?name=h%C3%A9llo%20%E2%98%83"),
    case("create repeated name last wins", "POST", "/items?name=one&name=two"),
    case("create with unrelated json body", "POST", "/items?name=apple", JSON_CT, '{"name":"ignored"}'),
    case("delete explicit non-int id 422", "DELETE", "/items-explicit/abc"),
    case("HEAD on GET route 405 (allow lists first matching route: DELETE)", "HEAD", "/items/7"),
    case("OPTIONS 405", "OPTIONS", "/items/7"),
    case("PATCH 405", "PATCH", "/items/7"),
    case("GET on POST-only path 405", "GET", "/items"),
    case("HEAD on POST-only path 405", "HEAD", "/items"),
    case("GET on DELETE-only path 405", "GET", "/items-explicit/5"),
    case("trailing slash redirect to /items", "POST", "/items/?name=apple"),
    case("trailing slash redirect GET to /items (any method)", "GET", "/items/"),
    case("trailing slash redirect /items/7/", "GET", "/items/7/"),
    case("unknown path 404", "GET", "/nope"),
    case("unknown nested path 404", "GET", "/items/7/extra"),
    case("openapi document", "GET", "/openapi.json"),
    case("HEAD openapi document", "HEAD", "/openapi.json"),
]

EDGE_CASES = [
    # reference §3
    case("204 return None", "DELETE", "/d204/none"),
    case("204 return dict (body dropped)", "DELETE", "/d204/dict"),
    case("204 return Response(204)", "DELETE", "/d204/resp"),
    case(
        "204 Response with body (server refuses body)", "DELETE", "/d204/resp-body",
        note="BUG in FastAPI/uvicorn: Response(b'oops', 204). The server sends the 204 head, refuses the "
        "4-byte body (logs 'Too much data for declared Content-Length'/'Response content longer than "
        "Content-Length') and closes or resets the connection. Do not replicate the failure; "
        "the client-visible answer is a bodiless 204.",
    ),
    case(
        "204 JSONResponse(None) (server refuses body)", "DELETE", "/d204/json-resp",
        note="BUG in FastAPI/uvicorn: JSONResponse(None, 204) has body 'null'. The server sends the 204 "
        "head, refuses the body and closes or resets the connection. Do not replicate the failure; "
        "the client-visible answer is a bodiless 204 with content-type: application/json.",
    ),
    case("runtime 204 return dict", "DELETE", "/d204/runtime"),
    case("204 response_class=Response return None", "DELETE", "/d204/response-class"),
    case("304 return dict", "GET", "/n304"),
    case("304 Response with ETag", "GET", "/n304/resp"),
    case(
        "205 return dict (stale content-length)", "GET", "/s205",
        note="BUG in FastAPI: for 205 the body is emptied but the original content-length (7) is still "
        "sent; h11 logs 'Too little data for declared Content-Length' and closes. Reference §15 says "
        "do not replicate (send no body and no content-length, or content-length: 0).",
    ),
    case("201 return None is null", "POST", "/created-none"),
    case("200 return None is null", "GET", "/none200"),
    case("Response() empty", "GET", "/resp-empty"),
    case("Response(content='hello') no content-type", "GET", "/resp-text"),
    # reference §4
    case("JSONResponse with headers", "GET", "/jr"),
    case("JSONResponse 201 with Location", "POST", "/jr201"),
    case("decorator 201 + injected Location", "POST", "/loc201"),
    case("injected headers and cookie", "GET", "/inj-headers"),
    case("injected duplicate header and content-type override", "GET", "/inj-dup"),
    case("decorator 201 vs returned JSONResponse(200)", "POST", "/deco-vs-resp"),
    case("decorator 201 vs returned JSONResponse default", "POST", "/deco-vs-resp-default"),
    case("decorator 201 vs runtime 202", "POST", "/deco-vs-runtime"),
    case("injected changes ignored when a Response is returned", "GET", "/inj-then-return"),
    case("status_code=HTTPStatus.CREATED", "GET", "/httpstatus"),
    case("PlainTextResponse", "GET", "/plain"),
    case("HTMLResponse", "GET", "/html"),
    case("RedirectResponse default 307", "GET", "/redir"),
    case("response_class=RedirectResponse 301", "GET", "/redir-301"),
    case("Response with media_type", "GET", "/resp-media"),
    # extras
    case("HEAD on GET route 405", "HEAD", "/n304"),
    case("GET on DELETE route 405", "GET", "/d204/none"),
    case("OPTIONS on GET route 405", "OPTIONS", "/plain"),
    case("POST on GET route 405", "POST", "/jr"),
    case("GET on POST route 405", "GET", "/jr201"),
    case("trailing slash redirect", "GET", "/plain/"),
    case("204 route after the buggy ones still works", "DELETE", "/d204/none"),
]

ROUTING_CASES = [
    # reference §5, in transcript order
    case("unknown path 404", "GET", "/does-not-exist"),
    case("unknown path POST 404", "POST", "/does-not-exist"),
    case("unknown path HEAD 404", "HEAD", "/does-not-exist"),
    case("PUT on GET+POST path: allow lists first route only", "PUT", "/things"),
    case("DELETE on GET-only path 405", "DELETE", "/noslash"),
    case("HEAD on GET route 405", "HEAD", "/things"),
    case("OPTIONS 405", "OPTIONS", "/things"),
    case("HEAD on api_route GET+HEAD", "HEAD", "/headok"),
    case("GET on api_route GET+HEAD", "GET", "/headok"),
    case("HEAD openapi.json (Starlette route)", "HEAD", "/openapi.json"),
    case(
        "POST openapi.json 405", "POST", "/openapi.json",
        note="allow order of a multi-method route follows Python set order (varies between processes; "
        "recorded with PYTHONHASHSEED=0). Reference §15: brisk may use registration order.",
    ),
    case("trailing slash added: /slash -> /slash/", "GET", "/slash"),
    case("trailing slash removed, query kept", "GET", "/noslash/?a=1&b=2"),
    case("POST with body redirected 307", "POST", "/noslash-post/", JSON_CT, '{"a":1}'),
    case("PUT redirected although only POST exists", "PUT", "/noslash-post/"),
    case(
        "X-Forwarded-Proto https from localhost", "GET", "/noslash/?a=1",
        [["x-forwarded-proto", "https"]],
        note="uvicorn trusts proxy headers from 127.0.0.1 by default, so the scheme becomes https.",
    ),
    # extras
    case("GET things", "GET", "/things"),
    case("POST things 201", "POST", "/things"),
    case("DELETE on GET+POST path 405", "DELETE", "/things"),
    case("PATCH on GET+POST path 405", "PATCH", "/things"),
    case("GET noslash", "GET", "/noslash"),
    case("GET noslash with query", "GET", "/noslash?x=1"),
    case("GET slash/", "GET", "/slash/"),
    case("POST noslash-post", "POST", "/noslash-post", JSON_CT, '{"a":1}'),
    case("POST noslash-post no body", "POST", "/noslash-post"),
    case("GET on POST-only path 405", "GET", "/noslash-post"),
    case("HEAD on POST-only path 405", "HEAD", "/noslash-post"),
    case("HEAD on GET-only path 405", "HEAD", "/noslash"),
    case("OPTIONS on GET-only path 405", "OPTIONS", "/noslash"),
    case("HEAD on GET-only slash path 405", "HEAD", "/slash/"),
    case("POST on GET-only slash path 405", "POST", "/slash/"),
    case(
        "POST on api_route GET+HEAD 405", "POST", "/headok",
        note="allow order of a multi-method route follows Python set order (varies between processes; "
        "recorded with PYTHONHASHSEED=0). Reference §15: brisk may use registration order.",
    ),
    case(
        "OPTIONS on api_route GET+HEAD 405", "OPTIONS", "/headok",
        note="allow order of a multi-method route follows Python set order (recorded with PYTHONHASHSEED=0).",
    ),
    case("trailing slash removed, no query", "GET", "/noslash/"),
    case("trailing slash added, with query", "GET", "/slash?x=1&y=%20z"),
    case("trailing slash redirect for HEAD", "HEAD", "/slash"),
    case("trailing slash redirect for OPTIONS", "OPTIONS", "/slash"),
    case("trailing slash redirect for DELETE", "DELETE", "/noslash/"),
    case("trailing slash redirect /things/", "GET", "/things/"),
    case("trailing slash redirect /things/ POST", "POST", "/things/"),
    case("trailing slash redirect /headok/ HEAD", "HEAD", "/headok/"),
    case("unknown path with trailing slash 404", "GET", "/does-not-exist/"),
    case("root 404", "GET", "/"),
    case("unknown path with query 404", "GET", "/does-not-exist?a=1"),
    case("openapi document", "GET", "/openapi.json"),
]

NOSLASH_CASES = [
    case("redirect_slashes=False: /items/ is 404", "GET", "/items/"),
    case("redirect_slashes=False: /items/ with query is 404", "GET", "/items/?a=1"),
    case("redirect_slashes=False: /items", "GET", "/items"),
    case("redirect_slashes=False: POST /items/ is 404", "POST", "/items/"),
    case("redirect_slashes=False: POST /items 405", "POST", "/items"),
]

ERRORS_CASES = [
    # reference §6, in transcript order
    case("HTTPException 404 detail", "GET", "/hx/bar"),
    case("found", "GET", "/hx/foo"),
    case("HTTPException 401 with headers", "GET", "/hx-headers"),
    case("HTTPException 418 no detail", "GET", "/hx-nodetail"),
    case(
        "HTTPException 422 no detail", "GET", "/hx-nodetail-422",
        note="Reason phrase and default detail depend on the Python version (<=3.12: 'Unprocessable "
        "Entity', >=3.13: 'Unprocessable Content'). See the file's 'python' field.",
    ),
    case("HTTPException 409 dict detail", "GET", "/hx-dict"),
    case("HTTPException 304", "GET", "/hx-304"),
    case("HTTPException 204", "GET", "/hx-204"),
    case("injected header/status lost on HTTPException", "GET", "/hx-after-header"),
    case("HTTPException from dependency", "GET", "/dep"),
    case("custom exception handler 418", "GET", "/unicorn"),
    case("unhandled RuntimeError 500", "GET", "/boom"),
    case("unhandled RuntimeError after injected header 500", "GET", "/boom-header"),
    case("NaN in returned dict 500", "GET", "/nan"),
    case("response_model validation failure 500", "GET", "/ser-model-bad"),
    # extras
    case("dependency passes", "GET", "/dep?token=ok"),
    case("dependency wrong token", "GET", "/dep?token=no"),
    case("HTTPException 404 non-ascii id", "GET", "/hx/%C3%A9"),
    case("HEAD on GET route 405", "HEAD", "/hx/foo"),
    case("POST on GET route 405", "POST", "/hx-headers"),
    case("POST on 500 route 405", "POST", "/boom"),
    case("unknown path 404", "GET", "/hx"),
    case("trailing slash redirect", "GET", "/hx/foo/"),
]

_Q = "/coerce/1"
PARAMS_CASES = [
    # reference §7.1 (the /items cases belong to seed_app)
    case("Path(gt=0) given 0", "GET", "/p/0"),
    case("Path(gt=0) given -3", "GET", "/p/-3"),
    case("Path(le=1000) given 1001", "GET", "/p/1001"),
    case("int path given 1.5", "GET", "/p/1.5"),
    case("int path given percent-encoded space", "GET", "/p/%20"),
    case("Query(min_length=3)", "GET", "/q?name=ab"),
    case("Query(max_length=5)", "GET", "/q?name=abcdef"),
    case("missing constrained query", "GET", "/q"),
    case("int query given text", "GET", "/q?name=abc&limit=x"),
    case("float, bool and Optional[int] all invalid", "GET", "/typed?f=abc&b=maybe&o=x"),
    case("empty string for Optional[int] is an error", "GET", "/typed?f=1e3&b=yes&o="),
    case("list[int] query second item bad", "GET", "/listq?ids=1&ids=x"),
    case("alias + pattern", "GET", "/alias?item-query=ABC"),
    case("repeated scalar query param: last wins", "GET", "/q?name=abc&name=xyz"),
    case("float query nan echoed 500", "GET", "/typed?f=nan&b=off"),
    # extras: happy paths and more errors on the §7.1 routes
    case("Path ok 1", "GET", "/p/1"),
    case("Path ok 1000", "GET", "/p/1000"),
    case("Path given text", "GET", "/p/abc"),
    case("Path gt given 1.0", "GET", "/p/1.0"),
    case("Query ok min", "GET", "/q?name=abc"),
    case("Query ok max with limit", "GET", "/q?name=abcde&limit=3"),
    case("Query non-ascii length counts characters", "GET", "/q?name=%C3%A9%C3%A9%C3%A9"),
    case("Query too short and bad limit (two errors)", "GET", "/q?name=a&limit=y"),
    case("Query empty name", "GET", "/q?name="),
    case("Query 1-char name", "GET", "/q?name=a"),
    case("typed ok", "GET", "/typed?f=1.5&b=true"),
    case("typed ok with o", "GET", "/typed?f=2&b=0&o=-4"),
    case("typed all missing", "GET", "/typed"),
    case("typed f=inf echoed", "GET", "/typed?f=inf&b=1"),
    case("listq ok", "GET", "/listq?ids=1&ids=2&ids=3"),
    case("listq single", "GET", "/listq?ids=5"),
    case("listq missing", "GET", "/listq"),
    case("listq empty item", "GET", "/listq?ids="),
    case("listq two bad items", "GET", "/listq?ids=a&ids=2&ids=b"),
    case("alias ok", "GET", "/alias?item-query=abc"),
    case("alias missing (loc uses alias)", "GET", "/alias"),
    case("alias given by python name is ignored", "GET", "/alias?item_query=abc"),
]

# Happy-path / edge coercion on /coerce/{n}?f=&b=&s=&i=
for _w in ["true", "false", "1", "0", "yes", "no", "on", "off", "t", "f", "y", "n"]:
    for _v in sorted({_w, _w.upper(), _w.capitalize()}):
        PARAMS_CASES.append(case(f"bool query {_v!r}", "GET", f"{_Q}?b={_v}"))
for _v, _t in [
    ("2", "2"), ("", ""), ("tru", "tru"), ("%20true", " true"), ("true%20", "true "),
    ("1.0", "1.0"), ("-1", "-1"), ("None", "None"), ("null", "null"), ("TrUe", "TrUe"),
]:
    PARAMS_CASES.append(case(f"bool query {_t!r}", "GET", f"{_Q}?b={_v}"))
for _v, _t in [
    ("7", "7"), ("0", "0"), ("-5", "-5"), ("+5", "+5"), ("%2B5", "%2B5 (+5 encoded)"), ("007", "007"),
    ("%207", "' 7'"), ("7%20", "'7 '"), ("%207%20", "' 7 '"), ("1.0", "1.0"), ("1.5", "1.5"),
    ("1e3", "1e3"), ("1_000", "1_000"), ("1__000", "1__000"), ("_1000", "_1000"),
    ("0x10", "0x10"), ("99999999999999999999", "big int"),
    ("-99999999999999999999", "big negative int"), ("12345678901234567890123456789012345678901234567890", "huge int"),
    ("%EF%BC%97", "fullwidth digit 7"), ("abc", "abc"),
]:
    PARAMS_CASES.append(case(f"int path {_t}", "GET", f"/coerce/{_v}"))
for _v, _t in [
    ("5", "5"), ("-5", "-5"), ("%2B5", "+5 encoded"), ("+5", "'+5' (plus decodes to space)"),
    ("%205", "' 5'"), ("5%20", "'5 '"), ("1.0", "1.0"), ("1.00", "1.00"), ("1.5", "1.5"), ("1e3", "1e3"),
    ("1_000", "1_000"), ("99999999999999999999", "big int"), ("", "empty"), ("x", "x"),
]:
    PARAMS_CASES.append(case(f"int query {_t}", "GET", f"{_Q}?i={_v}"))
for _v, _t in [
    ("1", "1"), ("1.5", "1.5"), ("-0.0", "-0.0"), ("0", "0"), ("1e3", "1e3"), ("1E3", "1E3"),
    ("1e-7", "1e-7"), ("0.1", "0.1"), ("%2B1.5", "+1.5 encoded"), (".5", ".5"), ("5.", "5."),
    ("%201.5%20", "' 1.5 '"), ("1_000.5", "1_000.5"), ("0x10", "0x10"),
    ("123456789012345678901234567890", "big integer text"), ("1e400", "1e400 (overflow)"),
    ("inf", "inf"), ("-inf", "-inf"), ("Infinity", "Infinity"), ("INF", "INF"), ("nan", "nan"),
    ("NaN", "NaN"), ("", "empty"), ("abc", "abc"),
]:
    PARAMS_CASES.append(case(f"float query {_t}", "GET", f"{_Q}?f={_v}"))
for _v, _t in [
    ("hello", "hello"), ("h%C3%A9llo", "non-ascii"), ("a+b", "plus is space"), ("a%2Bb", "encoded plus"),
    ("", "empty"), ("%22quoted%22", "quotes"), ("%F0%9F%98%80", "emoji"), ("a%26b%3Dc", "encoded & and ="),
    ("%FF", "invalid utf-8 percent escape"),
]:
    PARAMS_CASES.append(case(f"str query {_t}", "GET", f"{_Q}?s={_v}"))
PARAMS_CASES += [
    case("all coerce params together", "GET", "/coerce/42?f=2.5&b=on&s=x&i=-3"),
    case("all coerce params invalid", "GET", "/coerce/x?f=x&b=x&i=x"),
    case("unknown query params ignored", "GET", "/coerce/1?zzz=1"),
]

# --------------------------------------------------------------------------
# validation_app (reference §7): every route's happy path, every constraint on both sides of
# its boundary, type errors, content types, malformed JSON and the awkward inputs
# (NaN/Infinity/1e400, lone surrogates, deep nesting, duplicate keys).
# --------------------------------------------------------------------------

_VJ = JSON_CT  # the usual content-type
_TOK = [["X-Token", "tok"]]


def _post_item(name, body, headers=_VJ, note=None):
    return case(name, "POST", "/items", headers, body, note)


def _nest(depth: int, inner: str = '"x"') -> str:
    return "[" * depth + inner + "]" * depth


VALIDATION_CASES = [
    # POST /items: happy paths (floats echoed as Python prints them)
    _post_item("item ok float price", '{"name":"Pen","price":2.5}'),
    _post_item("item ok int price becomes float", '{"name":"Pen","price":3}'),
    _post_item("item ok all fields", '{"name":"Pen","price":1.25,"tags":["a","b"],"description":"blue"}'),
    _post_item("item ok description null", '{"name":"Pen","price":1,"description":null}'),
    _post_item("item ok extra fields ignored", '{"name":"Pen","price":1,"extra":1,"more":{"x":[1]}}'),
    _post_item("item ok fields in another order", '{"tags":[],"price":9.75,"name":"Pen"}'),
    _post_item("item ok whitespace everywhere", ' \n{ "name" : "Pen" ,\t"price" : 2 }\n '),
    _post_item("item ok empty tags", '{"name":"Pen","price":1,"tags":[]}'),
    _post_item("item ok non-ascii", '{"name":"h\u00e9llo \u2603","price":1,"tags":["\u00e9"]}'),
    _post_item("item ok escaped unicode", '{"name":"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/","price":1}'),
    _post_item("item ok nul char in name", '{"name":"a\\u0000b","price":1}'),
    # price coercion and formatting
    _post_item("price numeric string", '{"name":"Pen","price":"2.5"}'),
    _post_item("price integer string", '{"name":"Pen","price":"3"}'),
    _post_item("price string with spaces", '{"name":"Pen","price":" 2.5 "}'),
    _post_item("price string 1e3", '{"name":"Pen","price":"1e3"}'),
    _post_item("price string with underscore", '{"name":"Pen","price":"1_000"}'),
    _post_item("price true", '{"name":"Pen","price":true}'),
    _post_item("price false", '{"name":"Pen","price":false}'),
    _post_item("price 0.1 shortest repr", '{"name":"Pen","price":0.1}'),
    _post_item("price 1e-5", '{"name":"Pen","price":1e-5}'),
    _post_item("price 0.0001", '{"name":"Pen","price":0.0001}'),
    _post_item("price 1e16", '{"name":"Pen","price":1e16}'),
    _post_item("price 9999999999999998", '{"name":"Pen","price":9999999999999998}'),
    _post_item("price big integer literal", '{"name":"Pen","price":123456789012345678901234567890}'),
    _post_item("price 1e308", '{"name":"Pen","price":1e308}'),
    _post_item("price 5e-324", '{"name":"Pen","price":5e-324}'),
    _post_item("price 1E2 upper-case exponent", '{"name":"Pen","price":1E2}'),
    _post_item("price 2.50 trailing zero", '{"name":"Pen","price":2.50}'),
    # price constraint gt=0, both sides
    _post_item("price 0 fails gt", '{"name":"Pen","price":0}'),
    _post_item("price 0.0 fails gt", '{"name":"Pen","price":0.0}'),
    _post_item("price -0.0 fails gt", '{"name":"Pen","price":-0.0}'),
    _post_item("price -1 fails gt", '{"name":"Pen","price":-1}'),
    _post_item("price -2.5 fails gt", '{"name":"Pen","price":-2.5}'),
    _post_item("price string 0 fails gt", '{"name":"Pen","price":"0"}'),
    _post_item("price smallest positive passes gt", '{"name":"Pen","price":1e-300}'),
    # price type errors
    _post_item("price text", '{"name":"Pen","price":"abc"}'),
    _post_item("price empty string", '{"name":"Pen","price":""}'),
    _post_item("price null", '{"name":"Pen","price":null}'),
    _post_item("price list", '{"name":"Pen","price":[1]}'),
    _post_item("price object", '{"name":"Pen","price":{"a":1}}'),
    # non-finite numbers (FastAPI may fail with 500 on some of these)
    _post_item("price NaN literal", '{"name":"Pen","price":NaN}'),
    _post_item("price Infinity literal", '{"name":"Pen","price":Infinity}'),
    _post_item("price -Infinity literal", '{"name":"Pen","price":-Infinity}'),
    _post_item("price 1e400 overflows", '{"name":"Pen","price":1e400}'),
    _post_item("price string nan", '{"name":"Pen","price":"nan"}'),
    _post_item("price string inf", '{"name":"Pen","price":"inf"}'),
    _post_item("price string -inf", '{"name":"Pen","price":"-inf"}'),
    _post_item("NaN in an ignored field", '{"name":"Pen","price":1,"extra":NaN}'),
    _post_item("NaN in a string field", '{"name":NaN,"price":1}'),
    # name constraints min_length=1, max_length=50, both sides
    _post_item("name empty fails min_length", '{"name":"","price":1}'),
    _post_item("name 1 char ok", '{"name":"a","price":1}'),
    _post_item("name 50 chars ok", '{"name":"' + "a" * 50 + '","price":1}'),
    _post_item("name 51 chars fails max_length", '{"name":"' + "a" * 51 + '","price":1}'),
    _post_item("name 50 non-ascii chars ok", '{"name":"' + "\u00e9" * 50 + '","price":1}'),
    _post_item("name 51 non-ascii chars fails", '{"name":"' + "\u00e9" * 51 + '","price":1}'),
    _post_item("name 50 emoji ok", '{"name":"' + "\U0001F600" * 50 + '","price":1}'),
    _post_item("name 51 escaped emoji fails", '{"name":"' + "\\ud83d\\ude00" * 51 + '","price":1}'),
    _post_item("name whitespace only ok", '{"name":" ","price":1}'),
    # name type errors
    _post_item("name int", '{"name":1,"price":1}'),
    _post_item("name float", '{"name":1.5,"price":1}'),
    _post_item("name bool", '{"name":true,"price":1}'),
    _post_item("name null", '{"name":null,"price":1}'),
    _post_item("name list", '{"name":["a"],"price":1}'),
    _post_item("name object", '{"name":{"a":1},"price":1}'),
    # tags and description
    _post_item("tags string", '{"name":"Pen","price":1,"tags":"x"}'),
    _post_item("tags null", '{"name":"Pen","price":1,"tags":null}'),
    _post_item("tags object", '{"name":"Pen","price":1,"tags":{"a":"b"}}'),
    _post_item("tags item int", '{"name":"Pen","price":1,"tags":[1]}'),
    _post_item("tags items bad at 1 and 2", '{"name":"Pen","price":1,"tags":["a",2,null,"d"]}'),
    _post_item("tags nested list item", '{"name":"Pen","price":1,"tags":[["a"]]}'),
    _post_item("description int", '{"name":"Pen","price":1,"description":5}'),
    _post_item("description list", '{"name":"Pen","price":1,"description":["x"]}'),
    # missing fields
    _post_item("missing price", '{"name":"Pen"}'),
    _post_item("missing name", '{"price":1}'),
    _post_item("missing both", '{}'),
    _post_item("missing both with extras", '{"nme":"Pen","prise":1}'),
    _post_item("every field bad", '{"name":"","price":-1,"tags":[1,"b",2],"description":false}'),
    # duplicate keys: the last one wins
    _post_item("duplicate key last wins", '{"name":"a","name":"b","price":1}'),
    _post_item("duplicate key bad then good", '{"name":1,"price":1,"name":"ok"}'),
    _post_item("duplicate key good then bad", '{"name":"ok","price":1,"name":""}'),
    _post_item("duplicate key in echoed input", '{"a":1,"b":2,"a":3}'),
    # lone surrogates
    _post_item("lone high surrogate in name", '{"name":"\\ud800","price":1}'),
    _post_item("lone low surrogate in name", '{"name":"\\udc00","price":1}'),
    _post_item("lone surrogate in an ignored field", '{"name":"a","price":1,"x":"\\ud800"}'),
    _post_item("lone surrogate in a bad field", '{"name":"a","price":"\\ud800"}'),
    # non-object bodies
    _post_item("body is an array", '[1,2]'),
    _post_item("body is a string", '"str"'),
    _post_item("body is a number", '1'),
    _post_item("body is true", 'true'),
    _post_item("body is null", 'null'),
    _post_item("body is an array of the object", '[{"name":"Pen","price":1}]'),
    # content types
    _post_item("content-type with charset", '{"name":"Pen","price":1}', [["Content-Type", "application/json; charset=utf-8"]]),
    _post_item("content-type vnd.api+json", '{"name":"Pen","price":1}', [["Content-Type", "application/vnd.api+json"]]),
    _post_item("content-type upper-case", '{"name":"Pen","price":1}', [["Content-Type", "APPLICATION/JSON"]]),
    _post_item("content-type json-patch+json", '{"name":"Pen","price":1}', [["Content-Type", "application/json-patch+json"]]),
    _post_item("content-type text/plain", '{"name":"Pen","price":1}', [["Content-Type", "text/plain"]]),
    _post_item("content-type text/json", '{"name":"Pen","price":1}', [["Content-Type", "text/json"]]),
    _post_item("content-type form", 'name=Pen&price=1', [["Content-Type", "application/x-www-form-urlencoded"]]),
    _post_item("content-type missing", '{"name":"Pen","price":1}', []),
    _post_item("content-type missing non-ascii body", '{"name":"\u00e9"}', []),
    _post_item("content-type text/plain malformed", '{"name":', [["Content-Type", "text/plain"]]),
    # empty bodies
    _post_item("no body", None, []),
    _post_item("no body with json content-type", None),
    _post_item("empty body with json content-type", ""),
    _post_item("empty body without content-type", "", []),
    _post_item("whitespace body", "   "),
    # malformed / truncated JSON: offsets and Python's json messages
    _post_item("json missing value", '{"name":"a","price":}'),
    _post_item("json truncated after string", '{"name":"a"'),
    _post_item("json truncated after comma", '{"name":"a",'),
    _post_item("json truncated after colon", '{"name":'),
    _post_item("json truncated after key", '{"name"'),
    _post_item("json truncated in string", '{"name":"a'),
    _post_item("json truncated in key", '{"na'),
    _post_item("json lone open brace", '{'),
    _post_item("json lone open bracket", '['),
    _post_item("json truncated in number", '{"name":"a","price":1.'),
    _post_item("json truncated in literal", '{"name":"a","price":tr'),
    _post_item("json truncated in array", '{"name":"a","price":1,"tags":["a",'),
    _post_item("json single quotes", "{'name':'a','price':1}"),
    _post_item("json unquoted key", '{name:"a"}'),
    _post_item("json trailing comma in object", '{"name":"a","price":1,}'),
    _post_item("json trailing comma in array", '{"name":"a","price":1,"tags":["a",]}'),
    _post_item("json missing colon", '{"name" "a"}'),
    _post_item("json missing comma", '{"name":"a" "price":1}'),
    _post_item("json extra data", '{"name":"a","price":1}x'),
    _post_item("json two documents", '{"name":"a","price":1} {"b":2}'),
    _post_item("json misspelt literal", '{"name":"a","price":tru}'),
    _post_item("json misspelt literal multiline", '{\n  "name": "a",\n  "price": nul\n}'),
    _post_item("json bare word", 'hello'),
    _post_item("json leading zero", '{"name":"a","price":01}'),
    _post_item("json plus sign", '{"name":"a","price":+1}'),
    _post_item("json leading dot", '{"name":"a","price":.5}'),
    _post_item("json hex number", '{"name":"a","price":0x10}'),
    _post_item("json invalid escape", '{"name":"\\x41","price":1}'),
    _post_item("json short unicode escape", '{"name":"\\u12","price":1}'),
    _post_item("json raw tab in string", '{"name":"a\tb","price":1}'),
    _post_item("json raw newline in string", '{"name":"a\nb","price":1}'),
    _post_item("json error after non-ascii", '{"name":"\u00e9\u00e9","price":}'),
    _post_item("json error after emoji", '{"name":"\U0001F600","price":}'),
    _post_item("json error on second line", '{"name":"a",\n"price":}'),
    _post_item("json close bracket for brace", '{"name":"a"]'),
    _post_item("json only close brace", '}'),
    _post_item("json comment", '{"name":"a", /* c */ "price":1}'),
    _post_item("json utf-8 BOM", '\ufeff{"name":"Pen","price":1}'),
    _post_item("json two utf-8 BOMs", '\ufeff\ufeff{"name":"Pen","price":1}'),
    _post_item("json integer of 5000 digits", '{"name":"Pen","price":1' + "0" * 4999 + "}"),
    _post_item("json float of 5000 digits", '{"name":"Pen","price":1.' + "0" * 4998 + "}"),
    # nesting around serde_json's limit of 128
    _post_item("nesting 100 deep in tags", '{"name":"a","price":1,"tags":' + _nest(100) + "}"),
    _post_item("nesting 126 deep in tags", '{"name":"a","price":1,"tags":' + _nest(126) + "}"),
    _post_item("nesting 127 deep in tags", '{"name":"a","price":1,"tags":' + _nest(127) + "}"),
    _post_item("nesting 128 deep in tags", '{"name":"a","price":1,"tags":' + _nest(128) + "}"),
    _post_item("nesting 200 deep in tags", '{"name":"a","price":1,"tags":' + _nest(200) + "}"),
    _post_item("nesting 200 deep in an ignored field", '{"name":"a","price":1,"x":' + _nest(200) + "}"),
    _post_item("nesting 200 deep objects as body", '{"a":' * 200 + "1" + "}" * 200),
    _post_item("nesting 5000 deep", _nest(5000)),
    # PUT /items/{item_id}
    case("update ok", "PUT", "/items/5?q=x", _VJ, '{"name":"Pen","price":2}'),
    case("update ok without q", "PUT", "/items/5", _VJ, '{"name":"Pen","price":2.5,"tags":["t"]}'),
    case("update ok negative id", "PUT", "/items/-7", _VJ, '{"name":"Pen","price":2.5}'),
    case("update ok empty q", "PUT", "/items/5?q=", _VJ, '{"name":"Pen","price":2.5}'),
    case("update repeated q last wins", "PUT", "/items/5?q=a&q=b", _VJ, '{"name":"Pen","price":2.5}'),
    case("update bad id", "PUT", "/items/abc", _VJ, '{"name":"Pen","price":2.5}'),
    case("update id 1.5", "PUT", "/items/1.5", _VJ, '{"name":"Pen","price":2.5}'),
    case("update id beyond i64", "PUT", "/items/99999999999999999999", _VJ, '{"name":"Pen","price":2.5}'),
    case("update missing body", "PUT", "/items/5"),
    case("update bad id and missing body", "PUT", "/items/abc"),
    case("update bad path + 3 bad body fields", "PUT", "/items/abc?q=x", _VJ,
         '{"name":"","price":0,"tags":"x"}'),
    case("update bad path + malformed json", "PUT", "/items/abc", _VJ, '{"name":'),
    case("update bad path + text/plain body", "PUT", "/items/abc", [["Content-Type", "text/plain"]],
         '{"name":"Pen","price":1}'),
    case("update bad path + non-object body", "PUT", "/items/abc", _VJ, "[1]"),
    case("update bad path + body nested 5000 deep", "PUT", "/items/abc?q=x", _VJ, _nest(5000)),
    # GET /search
    case("search ok defaults", "GET", "/search?q=abc"),
    case("search ok all params", "GET", "/search?q=shoes&limit=5&tags=a&tags=b&exact=true"),
    case("search q missing", "GET", "/search"),
    case("search q empty", "GET", "/search?q="),
    case("search q 2 chars fails min_length", "GET", "/search?q=ab"),
    case("search q 3 chars ok", "GET", "/search?q=abc"),
    case("search q 20 chars ok", "GET", "/search?q=" + "a" * 20),
    case("search q 21 chars fails max_length", "GET", "/search?q=" + "a" * 21),
    case("search q 3 non-ascii chars ok", "GET", "/search?q=%C3%A9%C3%A9%C3%A9"),
    case("search q 2 non-ascii chars fails", "GET", "/search?q=%E2%98%83%E2%98%83"),
    case("search q plus and percent spaces", "GET", "/search?q=a+b%20c"),
    case("search q repeated last wins", "GET", "/search?q=abc&q=xyz"),
    case("search q repeated last too short", "GET", "/search?q=abc&q=x"),
    case("search limit negative", "GET", "/search?q=abc&limit=-3"),
    case("search limit text", "GET", "/search?q=abc&limit=x"),
    case("search limit float", "GET", "/search?q=abc&limit=1.5"),
    case("search limit 2.0", "GET", "/search?q=abc&limit=2.0"),
    case("search limit empty", "GET", "/search?q=abc&limit="),
    case("search limit repeated last wins", "GET", "/search?q=abc&limit=1&limit=2"),
    case("search limit beyond i64", "GET", "/search?q=abc&limit=99999999999999999999"),
    case("search tags one", "GET", "/search?q=abc&tags=x"),
    case("search tags repeated", "GET", "/search?q=abc&tags=x&tags=y&tags=x"),
    case("search tags empty value", "GET", "/search?q=abc&tags="),
    case("search tags interleaved", "GET", "/search?tags=1&q=abc&tags=2"),
    case("search tags bracket name is another param", "GET", "/search?q=abc&tags[]=x"),
    case("search exact maybe", "GET", "/search?q=abc&exact=maybe"),
    case("search exact empty", "GET", "/search?q=abc&exact="),
    case("search exact repeated last wins", "GET", "/search?q=abc&exact=true&exact=no"),
    case("search three bad params", "GET", "/search?q=a&limit=x&exact=maybe"),
    case("search unknown params ignored", "GET", "/search?q=abc&zzz=1&limit=3"),
]
for _v in ["true", "TRUE", "True", "tRuE", "false", "FALSE", "1", "0", "yes", "YES", "No", "on", "OFF", "t", "F", "y", "N"]:
    VALIDATION_CASES.append(case(f"search exact {_v}", "GET", f"/search?q=abc&exact={_v}"))
VALIDATION_CASES += [
    # GET /users/{user_id}/orders/{order_id}
    case("order ok", "GET", "/users/1/orders/abc", _TOK),
    case("order ok header lower-case", "GET", "/users/1/orders/abc", [["x-token", "tok"]]),
    case("order ok header upper-case", "GET", "/users/1/orders/abc", [["X-TOKEN", "tok"]]),
    case("order ok header mixed case", "GET", "/users/1/orders/abc", [["x-ToKeN", "tok"]]),
    case("order header empty value", "GET", "/users/1/orders/abc", [["X-Token", ""]]),
    case("order header repeated", "GET", "/users/1/orders/abc", [["X-Token", "one"], ["X-Token", "two"]]),
    case("order header with underscore is not x-token", "GET", "/users/1/orders/abc", [["x_token", "tok"]]),
    case("order header non-ascii latin-1", "GET", "/users/1/orders/abc", [["X-Token", "caf\u00e9"]]),
    case("order missing header", "GET", "/users/1/orders/abc"),
    case("order with cookie", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "session=s3cr3t"]]),
    case("order cookie among others", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "a=1; session=xyz; b=2"]]),
    case("order cookie quoted", "GET", "/users/1/orders/abc", _TOK + [["Cookie", 'session="q v"']]),
    case("order cookie empty value", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "session="]]),
    case("order cookie repeated in one header", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "session=a; session=b"]]),
    case("order cookie other name only", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "sessionid=x"]]),
    case("order cookie in two headers", "GET", "/users/1/orders/abc",
         _TOK + [["Cookie", "session=a"], ["Cookie", "session=b"]]),
    case("order cookie in the second header", "GET", "/users/1/orders/abc",
         _TOK + [["Cookie", "x=1"], ["Cookie", "session=b"]]),
    case("order cookie non-ascii latin-1", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "session=\u00e9t\u00e9"]]),
    case("order cookie percent-encoded", "GET", "/users/1/orders/abc", _TOK + [["Cookie", "session=a%20b"]]),
    case("order user_id 1 passes gt", "GET", "/users/1/orders/o", _TOK),
    case("order user_id 0 fails gt", "GET", "/users/0/orders/o", _TOK),
    case("order user_id -1 fails gt", "GET", "/users/-1/orders/o", _TOK),
    case("order user_id text", "GET", "/users/abc/orders/o", _TOK),
    case("order user_id 1.5", "GET", "/users/1.5/orders/o", _TOK),
    case("order user_id 2.0", "GET", "/users/2.0/orders/o", _TOK),
    case("order user_id beyond i64", "GET", "/users/99999999999999999999/orders/o", _TOK),
    case("order order_id percent-encoded", "GET", "/users/1/orders/a%20b%C3%A9", _TOK),
    case("order order_id numeric stays string", "GET", "/users/1/orders/007", _TOK),
    case("order bad path and missing header", "GET", "/users/0/orders/x"),
    case("order bad path, missing header, body ignored", "GET", "/users/abc/orders/x", _VJ,
         '{"name":"","price":0,"tags":"x"}'),
    # POST /offers: nested list of models
    case("offer ok", "POST", "/offers", _VJ,
         '{"title":"t","items":[{"name":"a","price":1},{"name":"b","price":2.5}]}'),
    case("offer ok no items", "POST", "/offers", _VJ, '{"title":"t","items":[]}'),
    case("offer ok float sum", "POST", "/offers", _VJ,
         '{"title":"t","items":[{"name":"a","price":0.1},{"name":"b","price":0.2}]}'),
    case("offer ok one int price", "POST", "/offers", _VJ, '{"title":"t","items":[{"name":"a","price":2}]}'),
    case("offer missing everything", "POST", "/offers", _VJ, "{}"),
    case("offer items not a list", "POST", "/offers", _VJ, '{"title":"t","items":"x"}'),
    case("offer items null", "POST", "/offers", _VJ, '{"title":"t","items":null}'),
    case("offer item not an object", "POST", "/offers", _VJ, '{"title":"t","items":[1,"a",null]}'),
    case("offer nested errors with indexes", "POST", "/offers", _VJ,
         '{"title":5,"items":[{"name":"a","price":1},{"name":"","price":0},{"price":"x","tags":[1]}]}'),
    case("offer nested tag index", "POST", "/offers", _VJ,
         '{"title":"t","items":[{"name":"a","price":1,"tags":["ok",7]}]}'),
    case("offer nested malformed json", "POST", "/offers", _VJ, '{"title":"t","items":[{"name":"a",}]}'),
    case("offer nested NaN", "POST", "/offers", _VJ, '{"title":"t","items":[{"name":"a","price":NaN}]}'),
    case("offer nested Infinity", "POST", "/offers", _VJ, '{"title":"t","items":[{"name":"a","price":Infinity}]}'),
]

APPS = {
    "seed_app": SEED_CASES,
    "edge_app": EDGE_CASES,
    "routing_app": ROUTING_CASES,
    "errors_app": ERRORS_CASES,
    "params_app": PARAMS_CASES,
    "noslash_app": NOSLASH_CASES,
    "validation_app": VALIDATION_CASES,
}

# Apps whose `GET /openapi.json` is also written, raw, to brisk/tests/golden/<file> (recorded
# first, on the fresh server).
OPENAPI_DOCS = {
    "seed_app": "seed_openapi.json",
    "validation_app": "validation_openapi.json",
}


# --------------------------------------------------------------------------
# Server control
# --------------------------------------------------------------------------

def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # like uvicorn: TIME_WAIT leftovers of an earlier run don't make a port busy
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def pick_port(preferred: int) -> int:
    if port_is_free(preferred):
        return preferred
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(app: str, port: int, log_file):
    env = dict(os.environ)
    env["PYTHONHASHSEED"] = HASH_SEED
    env["PYTHONDONTWRITEBYTECODE"] = "1"
    cmd = [
        sys.executable, "-m", "uvicorn", f"{app}:app",
        "--app-dir", str(APPS_DIR),
        "--host", HOST, "--port", str(port),
        "--http", "h11",
        "--log-level", "warning",
        "--no-access-log",
    ]
    proc = subprocess.Popen(cmd, env=env, stdout=log_file, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL)
    deadline = time.monotonic() + STARTUP_DEADLINE
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"uvicorn for {app} exited with code {proc.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=0.5):
                return proc
        except OSError:
            time.sleep(0.1)
    stop_server(proc)
    raise RuntimeError(f"uvicorn for {app} did not start listening on {HOST}:{port}")


def stop_server(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)


# --------------------------------------------------------------------------
# One exchange
# --------------------------------------------------------------------------

def build_request(c: dict, port: int) -> bytes:
    lines = [f"{c['method']} {c['target']} HTTP/1.1", f"Host: {HOST}:{port}"]
    for name, value in c["headers"]:
        lines.append(f"{name}: {value}")
    body = b""
    if c["body"] is not None:
        body = c["body"].encode("utf-8")
        lines.append(f"Content-Length: {len(body)}")
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def exchange(raw: bytes, port: int):
    """Send raw bytes, read until EOF. Returns (data, problems)."""
    problems = []
    data = bytearray()
    deadline = time.monotonic() + CASE_DEADLINE
    with socket.create_connection((HOST, port), timeout=RECV_TIMEOUT) as s:
        s.sendall(raw)
        while time.monotonic() < deadline:
            try:
                chunk = s.recv(65536)
            except ConnectionResetError:
                problems.append("connection reset by the server")
                break
            except socket.timeout:
                problems.append(f"no EOF from the server within {RECV_TIMEOUT:g}s")
                break
            if not chunk:
                break
            data += chunk
        else:
            problems.append(f"exchange exceeded {CASE_DEADLINE:g}s")
    return bytes(data), problems


def parse_response(data: bytes, method: str):
    head, sep, body = data.partition(b"\r\n\r\n")
    if not sep:
        raise ValueError(f"incomplete response head: {data[:200]!r}")
    lines = head.decode("latin-1").split("\r\n")
    version, code, *reason = lines[0].split(" ", 2)
    all_headers = []
    for line in lines[1:]:
        name, _, value = line.partition(":")
        all_headers.append((name, value.strip(" \t")))
    return version, int(code), (reason[0] if reason else ""), all_headers, body


def record_case(c: dict, port: int) -> dict:
    raw = build_request(c, port)
    data, problems = exchange(raw, port)
    version, status, reason, all_headers, body = parse_response(data, c["method"])

    names = [n.lower() for n, _ in all_headers]
    # sanity: uvicorn puts date, server first and the connection header last
    if names[:2] != ["date", "server"]:
        problems.append(f"unexpected leading headers {names[:2]}")
    if not names or names[-1] != "connection":
        problems.append("no trailing connection header")

    out = dict(c)
    out.pop("note", None)
    out["status"] = status
    out["reason"] = reason
    out["response_headers"] = [
        [n.lower(), v] for n, v in all_headers if n.lower() not in EXCLUDED_RESPONSE_HEADERS
    ]
    try:
        out["response_body"] = body.decode("utf-8")
    except UnicodeDecodeError:
        out["response_body_b64"] = base64.b64encode(body).decode("ascii")

    declared = [v for n, v in out["response_headers"] if n == "content-length"]
    if declared and c["method"] != "HEAD" and int(declared[0]) != len(body):
        problems.append(f"body is {len(body)} bytes but content-length says {declared[0]}")
    if version != "HTTP/1.1":
        problems.append(f"status line version {version}")

    notes = [c["note"]] if c.get("note") else []
    if problems:
        notes.append("observed: " + "; ".join(problems))
    if notes:
        out["note"] = " ".join(notes)
    return out


def versions() -> dict:
    v = {}
    for dist in ["fastapi", "starlette", "pydantic", "pydantic-core", "uvicorn", "h11"]:
        try:
            v[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            v[dist] = None
    v["python"] = platform.python_version()
    return v


def record_openapi(app: str, port: int, out_dir: Path) -> Path:
    """Writes the app's `GET /openapi.json` body, byte for byte as FastAPI served it."""
    c = case("openapi document", "GET", "/openapi.json")
    data, problems = exchange(build_request(c, port), port)
    _, status, _, _, body = parse_response(data, "GET")
    if status != 200 or problems:
        raise RuntimeError(f"{app}: GET /openapi.json answered {status} ({'; '.join(problems)})")
    json.loads(body)  # it must be JSON
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / OPENAPI_DOCS[app]
    path.write_bytes(body)
    print(f"{app}: openapi document ({len(body)} bytes) -> "
          f"{path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}")
    return path


def record_app(app: str, cases: list, index: int, out_dir: Path, openapi_only: bool = False) -> Path:
    port = pick_port(PREFERRED_PORT_BASE + index)
    vers = versions()
    with tempfile.NamedTemporaryFile("w+", prefix=f"oracle-{app}-", suffix=".log", delete=False) as log:
        proc = start_server(app, port, log)
        try:
            recorded = []
            if app in OPENAPI_DOCS:
                record_openapi(app, port, out_dir)
            for c in [] if openapi_only else cases:
                try:
                    recorded.append(record_case(c, port))
                except Exception as exc:  # keep going; report loudly
                    raise RuntimeError(f"{app}: case {c['name']!r} failed: {exc}") from exc
        finally:
            stop_server(proc)
        log.seek(0)
        server_log = log.read()
    os.unlink(log.name)
    if openapi_only:
        return out_dir / OPENAPI_DOCS[app]

    doc = {
        "app": f"{app}.py",
        "fastapi": vers["fastapi"],
        "versions": vers,
        "server": "uvicorn --http h11",
        "port": port,
        "request_format": (
            "METHOD target HTTP/1.1, Host: 127.0.0.1:<port>, then `headers` in order, then "
            "Content-Length (UTF-8 byte length) iff body is not null, then Connection: close"
        ),
        "excluded_response_headers": sorted(EXCLUDED_RESPONSE_HEADERS),
        "cases": recorded,
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / f"{app}.json"
    path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    noted = sum(1 for r in recorded if "observed:" in r.get("note", ""))
    print(f"{app}: {len(recorded)} cases on port {port} -> {path.relative_to(REPO_ROOT) if path.is_relative_to(REPO_ROOT) else path}"
          f" ({noted} with observed anomalies)")
    if os.environ.get("ORACLE_SHOW_LOG") and server_log.strip():
        print(f"--- {app} server log ---\n{server_log}")
    return path


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("apps", nargs="*", help=f"apps to record (default: all of {', '.join(APPS)})")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output directory")
    ap.add_argument("--openapi-only", action="store_true",
                    help=f"write only the openapi documents (apps: {', '.join(OPENAPI_DOCS)})")
    args = ap.parse_args(argv)
    try:
        import fastapi  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        print("fastapi/uvicorn not importable: run with the oracle venv's python "
              "(see tools/oracle/README.md)", file=sys.stderr)
        return 2
    names = args.apps or (list(OPENAPI_DOCS) if args.openapi_only else list(APPS))
    for name in names:
        if name.endswith(".py"):
            name = name[:-3]
        if name not in APPS:
            print(f"unknown app {name!r}; known: {', '.join(APPS)}", file=sys.stderr)
            return 2
        if args.openapi_only and name not in OPENAPI_DOCS:
            print(f"{name} has no openapi document to record; those that do: {', '.join(OPENAPI_DOCS)}",
                  file=sys.stderr)
            return 2
        record_app(name, APPS[name], list(APPS).index(name), args.out, args.openapi_only)
    return 0


if __name__ == "__main__":
    sys.exit(main())
