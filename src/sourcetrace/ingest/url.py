"""Fetching an article by URL, safely: http(s) only, timeouts, a size cap, and no private or loopback targets."""

from __future__ import annotations

import ipaddress
import socket
import urllib.error
import urllib.request
from urllib.parse import urlsplit

from sourcetrace.errors import InputError
from sourcetrace.ingest.decode import MAX_INPUT_BYTES

TIMEOUT_S = 15
USER_AGENT = "sourcetrace/0.1 (+https://pypi.org/project/sourcetrace/)"


def is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def check_target(url: str, allow_private: bool = False) -> None:
    """Refuse non-http(s) schemes and hosts that resolve to private, loopback or link-local addresses."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        raise InputError(url, f"only http and https URLs are fetched, not {parts.scheme or 'no scheme'!r}")
    if not parts.hostname:
        raise InputError(url, "URL has no host")
    if allow_private:
        return
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(url, f"cannot resolve host {parts.hostname!r} ({exc})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not address.is_global:
            raise InputError(
                url,
                f"refused: {parts.hostname} resolves to a non-public address ({address}); use --allow-private",
            )


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    def __init__(self, allow_private: bool) -> None:
        self.allow_private = allow_private

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001 (urllib's signature)
        check_target(newurl, self.allow_private)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, allow_private: bool = False, limit: int = MAX_INPUT_BYTES) -> tuple[bytes, str, str]:
    """(body, content type, final URL) of a page; raises InputError with the reason on any failure."""
    check_target(url, allow_private)
    opener = urllib.request.build_opener(_CheckedRedirects(allow_private))
    request = urllib.request.Request(
        url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,text/plain"}
    )
    try:
        with opener.open(request, timeout=TIMEOUT_S) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > limit:
                raise InputError(
                    url, f"too large ({int(length) / 1_048_576:.1f} MB; the limit is {limit // 1_048_576} MB)"
                )
            body = response.read(limit + 1)
            if len(body) > limit:
                raise InputError(url, f"too large (more than {limit // 1_048_576} MB)")
            return body, response.headers.get("Content-Type", ""), response.geturl()
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(url, f"unreachable ({exc.reason})") from None
    except TimeoutError:
        raise InputError(url, f"timed out after {TIMEOUT_S} s") from None
    except (OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch ({exc})") from None
