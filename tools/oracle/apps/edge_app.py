# Empty responses (reference §3) and status precedence / custom headers / response
# classes (reference §4). Background-task handlers (/bg, /bg-log) are deliberately omitted.
from http import HTTPStatus

from fastapi import FastAPI, Response
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
)

app = FastAPI()


# ---- §3: 204 / 205 / 304 and other empty responses -------------------------

@app.delete("/d204/none", status_code=204)
def d204_none():
    return None


@app.delete("/d204/dict", status_code=204)
def d204_dict():
    return {"deleted": True}


@app.delete("/d204/resp", status_code=204)
def d204_resp():
    return Response(status_code=204)


@app.delete("/d204/resp-body", status_code=204)
def d204_resp_body():
    return Response(content=b"oops", status_code=204)


@app.delete("/d204/json-resp")
def d204_json_resp():
    return JSONResponse(content=None, status_code=204)


@app.delete("/d204/runtime")
def d204_runtime(response: Response):
    response.status_code = 204
    return {"x": 1}


@app.delete("/d204/response-class", status_code=204, response_class=Response)
def d204_response_class():
    return None


@app.get("/n304", status_code=304)
def n304():
    return {"a": 1}


@app.get("/n304/resp")
def n304_resp():
    return Response(status_code=304, headers={"ETag": '"abc"'})


@app.get("/s205", status_code=205)
def s205():
    return {"a": 1}


@app.post("/created-none", status_code=201)
def created_none():
    return None


@app.get("/none200")
def none200():
    return None


@app.get("/resp-empty")
def resp_empty():
    return Response()


@app.get("/resp-text")
def resp_text():
    return Response(content="hello")


# ---- §4: status precedence and custom headers -------------------------------

@app.get("/jr")
def jr():
    return JSONResponse(
        content={"message": "Hello", "n": 1},
        headers={"X-Cache": "MISS", "Content-Language": "en-US"},
    )


@app.post("/jr201")
def jr201():
    return JSONResponse(status_code=201, content={"id": 42}, headers={"Location": "/items/42"})


@app.post("/loc201", status_code=201)
def loc201(response: Response):
    response.headers["Location"] = "/items/42"
    return {"id": 42}


@app.get("/inj-headers")
def inj_headers(response: Response):
    response.headers["X-Cache"] = "MISS"
    response.headers["X-Other"] = "1"
    response.set_cookie("session", "abc")
    return {"ok": True}


@app.get("/inj-dup")
def inj_dup(response: Response):
    response.headers["X-Cache"] = "MISS"
    response.headers.append("X-Cache", "HIT")
    response.headers["Content-Type"] = "text/x-custom"
    return {"ok": True}


@app.post("/deco-vs-resp", status_code=201)
def deco_vs_resp():
    return JSONResponse(content={"which": "returned response"}, status_code=200)


@app.post("/deco-vs-resp-default", status_code=201)
def deco_vs_resp_default():
    return JSONResponse(content={"which": "returned response, no status"})


@app.post("/deco-vs-runtime", status_code=201)
def deco_vs_runtime(response: Response):
    response.status_code = 202
    return {"which": "runtime"}


@app.get("/inj-then-return")
def inj_then_return(response: Response):
    response.headers["X-Cache"] = "MISS"
    response.status_code = 201
    return JSONResponse(content={"ignored_injected": True})


@app.get("/httpstatus", status_code=HTTPStatus.CREATED)
def httpstatus():
    return {"a": 1}


# ---- §4: other response classes ---------------------------------------------

@app.get("/plain", response_class=PlainTextResponse)
def plain():
    return "hello world"


@app.get("/html", response_class=HTMLResponse)
def html():
    return "<h1>hi</h1>"


@app.get("/redir")
def redir():
    return RedirectResponse("/things")


@app.get("/redir-301", response_class=RedirectResponse, status_code=301)
def redir_301():
    return "/things"


@app.get("/resp-media")
def resp_media():
    return Response(content='{"a":1}', media_type="application/json")
