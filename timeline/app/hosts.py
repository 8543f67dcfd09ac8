"""Which Host headers the server answers: a guard against DNS rebinding.

A page on another site can point its own domain name at 127.0.0.1 and then talk to the local
server as if it were the same site (and, here, delete documents). Its requests carry that
domain in the Host header, so the server answers only the names it listens as: 127.0.0.1,
localhost, ::1, the ``--host`` value, and whatever ``--allow-host`` adds (``*`` for any).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

LOCAL_NAMES: tuple[str, ...] = ("127.0.0.1", "localhost", "::1")
ANY_HOST = "*"
# Addresses that mean "every interface": a listener's address, never a name a browser asks for.
WILDCARD_ADDRESSES = frozenset({"", "0.0.0.0", "::", "[::]"})

WsgiApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


def host_name(header: str) -> str:
    """The name in a Host header, without port, brackets, trailing dot or case: ``[::1]:8050`` -> ``::1``."""
    value = header.strip().lower()
    if value.startswith("["):  # an IPv6 literal, maybe with a port after the bracket
        return value[1:].partition("]")[0]
    if value.count(":") == 1:
        value = value.partition(":")[0]
    return value.rstrip(".")


def allowed_hosts(listen_host: str, allow: Iterable[str] = ()) -> frozenset[str] | None:
    """The host names to answer, or None when ``allow`` holds ``*`` (any host)."""
    extra = [name.strip() for name in allow if name.strip()]
    if ANY_HOST in extra:
        return None
    names = {*LOCAL_NAMES, *(host_name(name) for name in extra)}
    if listen_host not in WILDCARD_ADDRESSES:
        names.add(host_name(listen_host))
    return frozenset(names)


class HostCheck:
    """WSGI middleware answering 400 to a request whose Host is not one of ``allowed``."""

    def __init__(self, app: WsgiApp, allowed: frozenset[str] | None) -> None:
        self.app = app
        self.allowed = allowed

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        header = str(environ.get("HTTP_HOST") or environ.get("SERVER_NAME") or "")
        if self.allowed is None or host_name(header) in self.allowed:
            return self.app(environ, start_response)
        body = (
            f"Host {header!r} is not served here. This server answers "
            f"{', '.join(sorted(self.allowed))}; start it with --allow-host NAME to add a name.\n"
        ).encode()
        start_response(
            "400 Bad Request", [("Content-Type", "text/plain; charset=utf-8"), ("Content-Length", str(len(body)))]
        )
        return [body]
