# FastAPI(redirect_slashes=False) (reference §5, last transcript; noslash_app.py there).
from fastapi import FastAPI

app = FastAPI(redirect_slashes=False)


@app.get("/items")
def items():
    return {"items": []}
