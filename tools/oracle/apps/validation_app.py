# Request validation (reference §7): a body model with constraints, a nested list of models,
# constrained query/path parameters, a header and a cookie. Twin: brisk/examples/validation.rs.
from typing import Annotated, Optional

from fastapi import Cookie, FastAPI, Header, Path, Query
from pydantic import BaseModel, Field

app = FastAPI()


class Item(BaseModel):
    name: str = Field(min_length=1, max_length=50)
    price: float = Field(gt=0)
    tags: list[str] = []
    description: Optional[str] = None


class Offer(BaseModel):
    title: str
    items: list[Item]


@app.post("/items", status_code=201)
def create_item(item: Item):
    return item


@app.put("/items/{item_id}")
def update_item(item_id: int, item: Item, q: Optional[str] = None):
    return {"item_id": item_id, "item": item, "q": q}


@app.get("/search")
def search(
    q: Annotated[str, Query(min_length=3, max_length=20)],
    limit: int = 10,
    tags: Annotated[list[str], Query()] = [],
    exact: bool = False,
):
    return {"q": q, "limit": limit, "tags": tags, "exact": exact}


@app.get("/users/{user_id}/orders/{order_id}")
def get_order(
    user_id: Annotated[int, Path(gt=0)],
    order_id: str,
    x_token: Annotated[str, Header()],
    session: Annotated[Optional[str], Cookie()] = None,
):
    return {"user_id": user_id, "order_id": order_id, "x_token": x_token, "session": session}


@app.post("/offers")
def create_offer(offer: Offer):
    return {"title": offer.title, "count": len(offer.items), "total": sum(i.price for i in offer.items)}
