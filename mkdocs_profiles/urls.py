"""URL checks and comparisons: safe links, the identity of a work, and relative page links."""

from __future__ import annotations

import ipaddress
import posixpath
import re
from urllib.parse import urlsplit

_ARXIV = re.compile(r"^(?:export\.)?arxiv\.org/(?:abs|pdf|html)/(.+?)(?:v\d+)?(?:\.pdf)?$")
_DOI_HOSTS = ("doi.org", "dx.doi.org")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
#: http(s), a plain host and a path without query, fragment, spaces or backslashes: trivial for urlsplit.
_SIMPLE_URL = re.compile(r"[hH][tT][tT][pP][sS]?://([A-Za-z0-9.\-]+)(/[^?#\s\\]*)?")


#: An http(s) URL whose host is a plain name and whose rest has no space or control character: an http(s)
#: URL with a host and no port for urlsplit too, so most URLs are checked without it.
_PLAIN_HTTP_URL = re.compile(r"[hH][tT][tT][pP][sS]?://[A-Za-z0-9.\-]+(?:[/?#][^\x00-\x20\x7f]*)?")
_NOT_HTTP = ("is not an http or https URL", None)


def http_url_problem(url: str) -> tuple[str, str | None] | None:
    """What is wrong with ``url`` as an http(s) link, as (message, hint); ``None`` when nothing is.

    The URL must be absolute, http or https, with a host (no ``javascript:``, ``data:``...) and, if it
    has a port, a number from 1 to 65535. The message follows the quoted URL: ``'x' is not an http...``.
    """
    if _PLAIN_HTTP_URL.fullmatch(url):
        return None
    if _CONTROL.search(url):
        return _NOT_HTTP
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:  # brackets around something that is no IPv6 address: "https://[abc]/"
        return _NOT_HTTP
    if parts.scheme.lower() not in ("http", "https") or not host or _bad_brackets(parts.netloc):
        return _NOT_HTTP
    port = _port_text(parts.netloc)
    digits = port.lstrip("0")
    if port and not (port.isascii() and port.isdigit() and len(digits) <= 5 and 1 <= int(digits or "0") <= 65535):
        return f"has an invalid port '{port}'", "a port is a number from 1 to 65535; most URLs have none"
    return None


def is_http_url(url: str) -> bool:
    """Whether ``url`` is an absolute http or https URL with a host and a valid port, if any."""
    return http_url_problem(url) is None


def _bad_brackets(netloc: str) -> bool:
    """Whether the host of ``netloc`` is in brackets without being an IPv6 address (or IPvFuture).

    Python checks this in ``urlsplit`` from 3.11.4 on; earlier versions let ``https://[abc]/`` through.
    """
    host = netloc.rpartition("@")[2]
    if "[" not in host and "]" not in host:
        return False
    if not host.startswith("[") or "]" not in host:
        return True
    inside = host[1 : host.index("]")]
    if inside.startswith("v"):
        return re.fullmatch(r"v[a-fA-F0-9]+\..+", inside) is None
    try:
        return not isinstance(ipaddress.ip_address(inside), ipaddress.IPv6Address)
    except ValueError:
        return True


def _port_text(netloc: str) -> str:
    """The port of ``netloc`` as written (``""`` without one), found where urllib looks for it."""
    host = netloc.rpartition("@")[2]
    if "[" in host:
        host = host.partition("[")[2].partition("]")[2]
    return host.partition(":")[2]


def is_safe_href(url: str) -> bool:
    """Whether a link target in rendered Markdown is harmless: http(s), mailto, or relative."""
    cleaned = _CONTROL.sub("", url).lower()
    match = re.match(r"^([a-z][a-z0-9+.\-]*):", cleaned)
    return match is None or match.group(1) in ("http", "https", "mailto")


def work_identity(url: str) -> str:
    """A normal form under which two URLs of the same work compare equal.

    Ignores http/https, host case, ``www.``, a trailing slash and the fragment; arXiv ``abs``/``pdf``
    links and version suffixes become ``arxiv:ID``; ``doi.org`` forms become ``doi:10.x/...``.
    """
    url = url.strip()
    # Most URLs are plain (host and path only); they skip urlsplit, which is slow at 10,000 profiles.
    simple = _SIMPLE_URL.fullmatch(url)
    if simple:
        host, path, port, query = simple.group(1).lower(), simple.group(2) or "", "", ""
    else:
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path
        try:
            port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
        except ValueError:  # validation refuses "example.org:abc"; this keeps other callers safe
            port = ""
        query = f"?{parts.query}" if parts.query else ""
    if host.startswith("www."):
        host = host[4:]
    path = path.rstrip("/")
    if host in _DOI_HOSTS and path.startswith("/10."):
        return "doi:" + path[1:].lower()
    arxiv = _ARXIV.match(host + path)
    if arxiv:
        return "arxiv:" + arxiv.group(1)
    return f"{host}{port}{path}{query}"


def page_url(src_uri: str, use_directory_urls: bool) -> str:
    """The site-relative URL MkDocs gives the page at ``src_uri`` (``profiles/ada.md`` -> ``profiles/ada/``)."""
    stem = src_uri[: -len(".md")] if src_uri.endswith(".md") else src_uri
    if stem == "index" or stem.endswith("/index"):
        folder = stem[: -len("index")]
        return folder if use_directory_urls else folder + "index.html"
    return stem + "/" if use_directory_urls else stem + ".html"


def relative_url(target: str, base: str) -> str:
    """The link from the page at site URL ``base`` to site URL ``target``, relative so sub-paths work."""
    base_dir = base[:-1] if base.endswith("/") else posixpath.dirname(base)
    target_path, _, fragment = target.partition("#")
    relative = _relpath(target_path, base_dir)
    if target_path.endswith("/") or target_path == "":
        relative = relative + "/" if relative != "." else "./"
    return relative + ("#" + fragment if fragment else "")


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for site URLs, without the ``os.getcwd()`` call it makes twice per link."""
    parts = [part for part in posixpath.normpath(path or ".").split("/") if part not in ("", ".")]
    base = [part for part in posixpath.normpath(start or ".").split("/") if part not in ("", ".")]
    common = 0
    for ours, theirs in zip(parts, base, strict=False):
        if ours != theirs:
            break
        common += 1
    return "/".join([".."] * (len(base) - common) + parts[common:]) or "."
