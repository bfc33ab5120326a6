"""The Atom feed of recently reviewed profiles, so readers can follow the directory in a feed reader.

A profile enters the feed with its ``last_reviewed`` date: adding a profile with that date, or reviewing
it again, puts it on top. Profiles without the date have no time a reader could sort by and are left out.
The feed is built from the plan alone, so two builds of the same files give the same bytes.

With ``site_url`` set, every link and id is absolute. Without it, links are relative to the feed's own
address (which Atom allows and feed readers resolve) and ids are stable ``urn:uuid:`` names derived from
the site name and page, since an Atom id must be an absolute IRI.
"""

from __future__ import annotations

import datetime
import uuid
import xml.etree.ElementTree as ET

from .plan import SitePlan
from .seo import absolute_url
from .urls import relative_url

ATOM = "http://www.w3.org/2005/Atom"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _timestamp(day: datetime.date) -> str:
    return day.isoformat() + "T00:00:00Z"


def feed_url(plan: SitePlan) -> str:
    """The site URL of the feed: ``feed.xml`` beside the directory (``profiles/feed.xml``)."""
    return plan.settings.profiles_url.strip("/") + "/feed.xml"


def atom_feed(
    plan: SitePlan,
    *,
    site_url: str | None,
    site_name: str,
    title: str,
    language: str = "en",
    author: str | None = None,
    limit: int = 50,
) -> str | None:
    """The Atom 1.0 document of the ``limit`` most recently reviewed profiles; ``None`` if none has a date."""
    profiles = [p for p in plan.catalog.profiles.values() if p.last_reviewed is not None]
    profiles.sort(key=lambda p: (-p.last_reviewed.toordinal() if p.last_reviewed else 0, p.sort_key))
    profiles = profiles[: max(limit, 0)]
    if not profiles:
        return None
    own_url = feed_url(plan)
    directory = plan.page("directory")

    def href(url: str) -> str:
        return absolute_url(site_url, url) or relative_url(url, own_url)

    def identity(url: str) -> str:
        return absolute_url(site_url, url) or "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"{site_name}/{url}"))

    ET.register_namespace("", ATOM)

    def add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
        if text is not None:
            element.text = text
        return element

    feed = ET.Element(f"{{{ATOM}}}feed", {_XML_LANG: language})
    add(feed, "id", identity(own_url))
    add(feed, "title", f"{site_name}: {title}" if site_name else title)
    newest = max(p.last_reviewed for p in profiles if p.last_reviewed)
    add(feed, "updated", _timestamp(newest))
    add(add(feed, "author"), "name", author or site_name or title)
    add(feed, "link", rel="self", type="application/atom+xml", href=href(own_url))
    add(feed, "link", rel="alternate", type="text/html", href=href(directory.url))
    add(feed, "generator", "mkdocs-profiles", uri="https://github.com/mkdocs-profiles/mkdocs-profiles")
    for profile in profiles:
        page = plan.page("profile", profile.slug)
        entry = add(feed, "entry")
        add(entry, "id", identity(page.url))
        add(entry, "title", profile.name)
        assert profile.last_reviewed is not None
        add(entry, "updated", _timestamp(profile.last_reviewed))
        add(entry, "link", rel="alternate", type="text/html", href=href(page.url))
        add(entry, "summary", profile.summary, type="text")
        for topic in profile.topics:
            add(entry, "category", term=topic)
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"
