"""The web service and reader (``sourcetrace serve``); needs the ``web`` extra (FastAPI, uvicorn, Jinja2)."""
