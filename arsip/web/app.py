"""The FastAPI application: JSON API under /api, the HTML page at /, static files under /static.

Read-only: the engine refuses writes (storage.db.read_only). Every route takes the same
filters as `arsip search`; a filter the archive cannot understand (unknown region, bad date,
bad cursor) is a 422 whose `detail` says what is wrong and how to fix it.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import asdict
from datetime import datetime
from importlib import resources
from typing import Annotated, Any, Literal
from urllib.parse import urlencode

from fastapi import Depends, FastAPI, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, StreamingResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from arsip.web.chart import monthly_chart
from arsip.web.i18n import LABELS, pick_language
from storage.errors import QueryError
from storage.export import iter_export
from storage.filters import WIB, Filters
from storage.regions import get_region, provinces, regions, resolve_region
from storage.search import MAX_LIMIT, Hit, find, hits_for, snippet_parts
from storage.stats import archive_stats, monthly_counts

_WEB = resources.files("arsip.web")
EXPORT_BATCH = 500

Query_ = Annotated[str | None, Query(description="Words that must all appear in title or text; any text is safe.")]
Region = Annotated[
    list[str],
    Query(description="Kemendagri code (35.25), name (Gresik, Kota Pasuruan) or province (Jawa Timur); repeatable."),
]
Since = Annotated[str | None, Query(description="From this Jakarta date: 2024, 2024-10 or 2024-10-30.")]
Until = Annotated[str | None, Query(description="Up to and including this date (same forms).")]
Source = Annotated[list[str], Query(description="Only articles of this portal; repeatable.")]
AllCopies = Annotated[bool, Query(description="Every archived copy instead of one row per story.")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Results per page, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[str | None, Query(description="The next_cursor of the previous page.")]
# Ids are 32-bit on PostgreSQL: a bigger one is a 422, not an integer-out-of-range 500.
ArticleId = Annotated[int, Path(ge=1, le=2**31 - 1, description="The article's id, as in search results.")]


def _filters(
    q: Query_ = None, region: Region = [], since: Since = None, until: Until = None, source: Source = []  # noqa: B006
) -> Filters:
    return Filters(query=q, regions=tuple(region), since=since, until=until, sources=tuple(source))


FiltersDep = Annotated[Filters, Depends(_filters)]


def _db(request: Request) -> Iterator[Session]:
    """A session per request on the app's (read-only) engine."""
    with Session(request.app.state.engine) as session:
        yield session


Db = Annotated[Session, Depends(_db)]


def _iso(value: datetime | None) -> str | None:
    return value.astimezone(WIB).isoformat() if value else None


def _highlight(snippet: str) -> Markup:
    """A snippet as HTML: text escaped, matches in <mark>."""
    return Markup("").join(
        Markup("<mark>{}</mark>").format(text) if marked else escape(text) for text, marked in snippet_parts(snippet)
    )


def _region_label(code: str | None) -> str:
    if not code:
        return ""
    region = get_region(code)
    return region.name if region else provinces().get(code, code)


def create_app(engine: Engine) -> FastAPI:
    """The API and page over an open (read-only) archive engine."""
    app = FastAPI(
        title="arsip",
        summary="Read-only API of an archive of regional news about BPJS Ketenagakerjaan.",
        version="0.1.0",
    )
    app.mount("/static", StaticFiles(directory=str(_WEB.joinpath("static"))), name="static")
    templates = Jinja2Templates(directory=str(_WEB.joinpath("templates")))
    templates.env.filters["highlight"] = _highlight
    templates.env.filters["region_label"] = _region_label
    templates.env.filters["day"] = lambda value: _iso(value)[:10] if value else ""

    app.state.engine = engine
    app.state.cache = {}

    @app.exception_handler(QueryError)
    async def query_error(request: Request, exc: QueryError) -> Any:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return _page(request, "error.html", {"message": str(exc)}, status_code=422)

    def _page(request: Request, name: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
        lang = pick_language(request.query_params.get("lang"), request.headers.get("accept-language"))
        others = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
        switch = {code: str(request.url.path) + "?" + urlencode([*others, ("lang", code)]) for code in LABELS}
        return templates.TemplateResponse(
            request, name, {"t": LABELS[lang], "lang": lang, "switch": switch, **context}, status_code=status_code
        )

    def _page_json(page: Any) -> dict[str, Any]:
        return {"items": [hit.to_dict() for hit in page.hits], "next_cursor": page.next_cursor, "order": page.order}

    @app.get("/api/articles", tags=["articles"])
    def list_articles(
        session: Db,
        filters: FiltersDep,
        all_copies: AllCopies = False,
        limit: Limit = 20,
        cursor: Cursor = None,
        order: Literal["newest", "relevance"] = "newest",
    ) -> dict[str, Any]:
        """Articles matching the filters, one per story (with the portals that carried it) unless all_copies;
        newest first by default. Follow `next_cursor` for the next page."""
        return _page_json(find(session, filters, limit=limit, cursor=cursor, all_copies=all_copies, order=order))

    @app.get("/api/articles/{article_id}", tags=["articles"])
    def get_article(session: Db, article_id: ArticleId) -> dict[str, Any]:
        """One article with its clean text and every copy of its story."""
        hits = hits_for(session, [article_id])
        if not hits:
            raise HTTPException(404, f"no article {article_id} in this archive")
        return hits[0].to_dict()

    @app.get("/api/search", tags=["articles"])
    def search_articles(
        session: Db,
        q: Annotated[str, Query(min_length=1, description="Words that must all appear; any text is safe.")],
        region: Region = [],  # noqa: B006
        since: Since = None,
        until: Until = None,
        source: Source = [],  # noqa: B006
        all_copies: AllCopies = False,
        limit: Limit = 20,
        cursor: Cursor = None,
    ) -> dict[str, Any]:
        """Full-text search, best match first, with highlighted snippets (`highlights` lists the matched words)."""
        filters = Filters(query=q, regions=tuple(region), since=since, until=until, sources=tuple(source))
        return _page_json(find(session, filters, limit=limit, cursor=cursor, all_copies=all_copies))

    @app.get(
        "/api/export.jsonl",
        tags=["export"],
        response_class=StreamingResponse,
        responses={200: {"content": {"application/x-ndjson": {}}, "description": "One article per line."}},
    )
    def export_jsonl(filters: FiltersDep, unique: Annotated[bool, Query(description="One row per story.")] = False):  # type: ignore[no-untyped-def]
        """Every matching article as JSON lines, the fields of `arsip export`, streamed in id order."""
        import json

        filters = Filters(**{**asdict(filters), "unique": unique})

        def lines() -> Iterator[str]:
            with Session(engine) as session:
                batch: list[str] = []
                for row in iter_export(session, filters, batch_size=EXPORT_BATCH):
                    batch.append(json.dumps(row, ensure_ascii=False) + "\n")
                    if len(batch) >= EXPORT_BATCH:
                        yield "".join(batch)
                        batch.clear()
                yield "".join(batch)

        return StreamingResponse(lines(), media_type="application/x-ndjson")

    @app.get("/api/regions", tags=["reference"])
    def list_regions(session: Db) -> dict[str, Any]:
        """Every province and kabupaten/kota (Kemendagri codes) with the number of archived articles."""
        counts = archive_stats(session).regions
        by_province: dict[str, int] = {}
        for code, n in counts.items():
            if code:
                by_province[code[:2]] = by_province.get(code[:2], 0) + n
        return {
            "provinces": [
                {"code": code, "name": name, "articles": by_province.get(code, 0)}
                for code, name in sorted(provinces().items())
            ],
            "regions": [
                {"code": r.code, "name": r.name, "province_code": r.province_code, "province": r.province,
                 "articles": counts.get(r.code, 0)}
                for r in regions()
            ],  # fmt: skip
        }

    @app.get("/api/stats", tags=["reference"])
    def stats(session: Db) -> dict[str, Any]:
        """Articles, stories, per-source and per-region counts, first/last publication and last fetch."""
        found = archive_stats(session)
        return {
            "articles": found.articles,
            "stories": found.stories,
            "sources": found.sources,
            "regions": found.regions,
            "first_published": _iso(found.first_published),
            "last_published": _iso(found.last_published),
            "last_fetched": _iso(found.last_fetched),
        }

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(
        request: Request,
        session: Db,
        q: str | None = None,
        region: str | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        all_copies: bool = False,
        cursor: str | None = None,
    ) -> HTMLResponse:
        filters = Filters(query=q, regions=(region or "",), since=since or None, until=until or None,
                          sources=(source or "",))  # fmt: skip
        page = find(session, filters, limit=20, cursor=cursor, all_copies=all_copies)
        counts = _cached(app, ("months", filters, all_copies), lambda: monthly_counts(session, filters, all_copies=all_copies))
        found = _cached(app, ("stats",), lambda: archive_stats(session))
        region_names = ", ".join(dict.fromkeys(r.name for r in resolve_region(region))) if region else ""
        if region and len(resolve_region(region)) > 3:
            region_names = region
        next_params = dict(request.query_params) | {"cursor": page.next_cursor} if page.next_cursor else None
        return _page(request, "index.html", {
            "q": q or "", "region": region or "", "since": since or "", "until": until or "",
            "source": source or "", "all_copies": all_copies, "page": page, "chart": monthly_chart(counts),
            "region_names": region_names, "sources": sorted(found.sources), "stats": found,
            "regions_with_articles": _regions_with_articles(found.regions), "next_params": next_params,
        })  # fmt: skip

    @app.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
    def article_page(request: Request, session: Db, article_id: ArticleId) -> HTMLResponse:
        hits: list[Hit] = hits_for(session, [article_id])
        if not hits:
            return _page(request, "error.html", {"message": None, "not_found": article_id}, status_code=404)
        hit = hits[0]
        paragraphs = [p.strip() for p in hit.article.text.split("\n\n") if p.strip()]
        return _page(request, "article.html", {"hit": hit, "a": hit.article, "paragraphs": paragraphs})

    return app


CACHE_SECONDS = 60.0


def _cached(app: FastAPI, key: tuple[Any, ...], compute: Any) -> Any:
    """Whole-archive aggregates for the page (counts per month, per source, per region) are full
    scans on a big archive: keep each for CACHE_SECONDS; new articles show up within that."""
    cache: dict[tuple[Any, ...], tuple[float, Any]] = app.state.cache
    now = time.monotonic()
    if (hit := cache.get(key)) is not None and now - hit[0] < CACHE_SECONDS:
        return hit[1]
    if len(cache) > 256:
        cache.clear()
    value = compute()
    cache[key] = (now, value)
    return value


def _regions_with_articles(counts: dict[str, int]) -> list[tuple[str, str]]:
    """(value, label) options for the region filter: provinces and regencies that have articles."""
    options: dict[str, str] = {}
    for code in sorted(c for c in counts if c):
        province = code[:2]
        if province in provinces():
            options.setdefault(province, provinces()[province])
        if (region := get_region(code)) is not None:
            options[code] = f"— {region.name}"
    return list(options.items())
