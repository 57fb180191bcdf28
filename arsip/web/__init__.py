"""`arsip serve`: the read-only HTTP API (`/api/...`) and the web page (`/`) over one archive."""

from arsip.web.app import create_app

__all__ = ["create_app"]
