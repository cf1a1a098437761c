"""The FastAPI peer: the items example (brisk/examples/items.rs is its port) plus /plaintext,
with a Location on the 201 (the POST stores nothing; the id comes from a counter).

Run by the harness as `python -m uvicorn app:app --port $PORT --no-access-log` (one process,
uvicorn's defaults otherwise). The handlers are `async def`: none of them blocks.
"""

import itertools

from fastapi import FastAPI, Response, status
from fastapi.responses import PlainTextResponse
from pydantic import BaseModel, Field

app = FastAPI()

items: dict[int, str] = {1: "Pen"}
next_id = itertools.count(2)


@app.get("/plaintext", response_class=PlainTextResponse)
async def plaintext():
    return "Hello, World!"


@app.post("/items", status_code=status.HTTP_201_CREATED)
async def create_item(name: str, response: Response):
    response.headers["Location"] = f"/items/{next(next_id)}"
    return {"name": name}


# response_class=Response: a 204 without FastAPI's default `content-type: application/json`,
# which brisk leaves out (docs/decisions/0002-fastapi-differences.md, RFC 9110 §15.3.5).
@app.delete(
    "/items/{item_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
)
async def delete_item(item_id: int):
    items.pop(item_id, None)


@app.put("/items/{item_id}")
async def upsert_item(item_id: int, name: str, response: Response):
    if item_id in items:
        items[item_id] = name
        return {"updated": item_id}
    items[item_id] = name
    response.status_code = status.HTTP_201_CREATED
    return {"created": item_id}


@app.get("/items/{item_id}")
async def get_item(item_id: int, response: Response):
    response.headers["X-Cache"] = "MISS"
    return {"item_id": item_id}


class Item(BaseModel):
    """An inventory item, validated: issue 6's JSON-body POST."""

    name: str = Field(min_length=1, max_length=50)
    price: float = Field(gt=0)
    tags: list[str] = Field(default_factory=list, max_length=10)


@app.post("/inventory")
async def add_to_inventory(item: Item) -> Item:
    return item
