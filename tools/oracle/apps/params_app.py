# Path and query parameter validation (reference §7.1) plus a happy-path coercion route.
from typing import Optional

from fastapi import FastAPI, Path, Query

app = FastAPI()


@app.get("/p/{item_id}")
def p(item_id: int = Path(gt=0, le=1000)):
    return {"item_id": item_id}


@app.get("/q")
def q(name: str = Query(min_length=3, max_length=5), limit: int = 10):
    return {"name": name, "limit": limit}


@app.get("/typed")
def typed(f: float, b: bool, o: Optional[int] = None):
    return {"f": f, "b": b, "o": o}


@app.get("/listq")
def listq(ids: list[int] = Query()):
    return {"ids": ids}


# From more_app.py in the reference (§7.1 "alias + pattern").
@app.get("/alias")
def alias(item_query: str = Query(alias="item-query", pattern="^[a-z]+$")):
    return {"item_query": item_query}


# Happy-path coercion: int path + float/bool/str query params, all optional so that
# each case can exercise one parameter at a time.
@app.get("/coerce/{n}")
def coerce(
    n: int,
    f: Optional[float] = None,
    b: Optional[bool] = None,
    s: Optional[str] = None,
    i: Optional[int] = None,
):
    return {"n": n, "f": f, "b": b, "s": s, "i": i}
