# Routing-level answers (reference §5): 404, 405 + allow, HEAD, OPTIONS, trailing slash.
# Bodies chosen by the oracle (the reference does not quote them, except /headok):
#   GET  /things        -> {"things": []}
#   POST /things (201)  -> {"created": true}
#   GET  /noslash       -> {"route": "noslash"}
#   GET  /slash/        -> {"route": "slash"}
#   POST /noslash-post  -> {"route": "noslash-post"}
#   GET|HEAD /headok    -> {"hello": "world"}
from fastapi import FastAPI

app = FastAPI()


@app.get("/things")
def list_things():
    return {"things": []}


@app.post("/things", status_code=201)
def create_thing():
    return {"created": True}


@app.get("/noslash")
def noslash():
    return {"route": "noslash"}


@app.get("/slash/")
def slash():
    return {"route": "slash"}


@app.post("/noslash-post")
def noslash_post():
    return {"route": "noslash-post"}


@app.api_route("/headok", methods=["GET", "HEAD"])
def headok():
    return {"hello": "world"}
