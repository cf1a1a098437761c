# The guide's seed examples, exactly as shared/reference/fastapi-behavior.md §2.
from fastapi import FastAPI, Response, status

app = FastAPI()

items: dict[int, str] = {}


@app.post("/items", status_code=status.HTTP_201_CREATED)
def create_item(name: str):
    return {"name": name}


@app.delete("/items/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item(item_id: int):
    return None


@app.delete("/items-explicit/{item_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete_item_explicit(item_id: int):
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@app.put("/items/{item_id}")
def upsert_item(item_id: int, name: str, response: Response):
    if item_id in items:
        items[item_id] = name
        return {"id": item_id, "name": name, "updated": True}
    items[item_id] = name
    response.status_code = status.HTTP_201_CREATED
    return {"id": item_id, "name": name, "created": True}


@app.get("/items/{item_id}")
def get_item(item_id: int, response: Response):
    response.headers["X-Cache"] = "MISS"
    return {"id": item_id}
