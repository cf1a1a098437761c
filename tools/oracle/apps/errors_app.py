# HTTPException, custom exception handler, 500 (reference §6).
from typing import Optional

from fastapi import Depends, FastAPI, HTTPException, Request, Response
from fastapi.responses import JSONResponse
from pydantic import BaseModel

app = FastAPI()

items = {"foo": "The Foo"}


class UnicornException(Exception):
    def __init__(self, name: str):
        self.name = name


@app.exception_handler(UnicornException)
async def unicorn_exception_handler(request: Request, exc: UnicornException):
    return JSONResponse(
        status_code=418,
        content={"message": f"Oops! {exc.name} did something."},
    )


@app.get("/hx/{item_id}")
def hx(item_id: str):
    if item_id not in items:
        raise HTTPException(status_code=404, detail="Item not found")
    return {"item": items[item_id]}


@app.get("/hx-headers")
def hx_headers():
    raise HTTPException(
        status_code=401,
        detail="Not authenticated",
        headers={"WWW-Authenticate": "Bearer", "X-Error": "There goes my error"},
    )


@app.get("/hx-nodetail")
def hx_nodetail():
    raise HTTPException(status_code=418)


@app.get("/hx-nodetail-422")
def hx_nodetail_422():
    raise HTTPException(status_code=422)


@app.get("/hx-dict")
def hx_dict():
    raise HTTPException(status_code=409, detail={"code": "conflict", "ids": [1, 2]})


@app.get("/hx-304")
def hx_304():
    raise HTTPException(status_code=304)


@app.get("/hx-204")
def hx_204():
    raise HTTPException(status_code=204)


@app.get("/hx-after-header")
def hx_after_header(response: Response):
    response.headers["X-Cache"] = "MISS"
    response.status_code = 201
    raise HTTPException(400, "bad")


@app.get("/unicorn")
def unicorn():
    raise UnicornException(name="yolo")


@app.get("/boom")
def boom():
    raise RuntimeError("kaboom")


@app.get("/boom-header")
def boom_header(response: Response):
    response.headers["X-Cache"] = "MISS"
    raise RuntimeError("kaboom")


@app.get("/nan")
def nan():
    return {"x": float("nan")}


# Also quoted in reference §6 (not in the brief's list, but cheap and useful):
class ItemOut(BaseModel):
    id: int
    name: str


@app.get("/ser-model-bad", response_model=ItemOut)
def ser_model_bad():
    return {"id": "notint", "name": "x"}


def verify(token: Optional[str] = None):
    if token != "ok":
        raise HTTPException(status_code=403, detail="Forbidden")


@app.get("/dep", dependencies=[Depends(verify)])
def dep():
    return {"ok": True}
