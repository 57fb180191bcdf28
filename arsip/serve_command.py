"""`arsip serve`: the read-only HTTP API and web page over the archive (uvicorn)."""

from __future__ import annotations

from typing import Annotated

import typer

from arsip.options import DbOption, err_console


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 exposes it to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="TCP port (0: any free one).")] = 8000,
    db: DbOption = None,
) -> None:
    """Serve the archive read-only: JSON API under /api (docs at /docs) and a search page at /.

    Example: arsip serve --port 8000   (then open http://127.0.0.1:8000/)
    """
    import uvicorn

    from arsip.web import create_app
    from storage.db import database_url, open_archive
    from storage.db import read_only

    url = database_url(db)
    engine = read_only(open_archive(url, create=False))
    shown = engine.url.render_as_string(hide_password=True)
    err_console.print(f"Serving {shown} read-only on http://{host}:{port}/ (API docs: /docs). Ctrl+C stops.")
    try:
        uvicorn.run(create_app(engine), host=host, port=port, log_level="warning")
    finally:
        engine.dispose()
