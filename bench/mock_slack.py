"""The mock Slack Web API the benchmarks' helper processes serve on loopback (aiohttp).

Every Web API method answers ok (auth.test names the bot), every response_url post answers "ok",
and /healthz says it is up. A benchmark adds what it needs: a hook run on each call that may
answer in its place (bench_soak's faults), a count of the posts delivered, and routes of its own
(bench_soak's /stats).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from aiohttp import web

BOT = {"ok": True, "user_id": "UBOT", "bot_id": "B0BOT", "team_id": "T0TEAM"}
"""What auth.test answers: the bot's user, bot and team ids."""

Intercept = Callable[[web.Request], web.StreamResponse | None]
"""Run on each Web API and response_url call once its body is read: None to answer as usual,
else the response to give instead."""


def serve(
    port: int,
    *,
    intercept: Intercept | None = None,
    delivered: Callable[[str], None] | None = None,
    routes: Iterable[web.RouteDef] = (),
) -> None:
    """Serve the mock on 127.0.0.1:`port` until the process is stopped.

    With `delivered`, each post that gets through is passed its key: `channel:thread_ts` for
    chat.postMessage (then answered with a `ts`, as Slack does), the URL's last part for a
    response_url. `routes` are added beside the mock's own.
    """

    async def api(request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        await request.read()
        instead = intercept(request) if intercept is not None else None
        if instead is not None:
            return instead
        if method == "auth.test":
            return web.json_response(BOT)
        if method == "chat.postMessage" and delivered is not None:
            data = await request.json() if request.content_type == "application/json" else {}
            delivered(f"{data.get('channel')}:{data.get('thread_ts')}")
            return web.json_response({"ok": True, "ts": f"{time.time():.6f}"})
        return web.json_response({"ok": True})

    async def response_url(request: web.Request) -> web.StreamResponse:
        await request.read()
        instead = intercept(request) if intercept is not None else None
        if instead is not None:
            return instead
        if delivered is not None:
            delivered(request.match_info["name"])
        return web.Response(text="ok")

    async def health(request: web.Request) -> web.Response:
        return web.Response(text="ok")

    app = web.Application()
    app.add_routes(
        [
            web.post("/api/{method}", api),
            web.post("/response/{name}", response_url),
            web.get("/healthz", health),
            *routes,
        ]
    )
    web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)
