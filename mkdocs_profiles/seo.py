"""What search engines and link previews read: schema.org JSON-LD, canonical URL, Open Graph and Twitter tags.

Everything here is data; the tags themselves are written by the ``profiles/partials/head.html`` template,
which the adapter puts into each generated page's ``<head>``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from markupsafe import Markup

from .model import Profile
from .plan import PlannedPage, SitePlan
from .urls import relative_url

_ORCID = re.compile(r"(\d{4}-\d{4}-\d{4}-\d{3}[\dX])")

#: Characters that could end a ``<script>`` element or start a comment inside it, and the JavaScript line
#: terminators, written as JSON escapes so the JSON means the same and the HTML cannot be broken out of.
_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: Any) -> Markup:
    """``data`` as JSON safe inside ``<script>``: ``</script>`` or ``<!--`` in a text cannot break out."""
    text = json.dumps(data, ensure_ascii=False, indent=None, separators=(",", ":"))
    return Markup(re.sub("[<>&\u2028\u2029]", lambda match: _SCRIPT_ESCAPES[match.group(0)], text))


def absolute_url(site_url: str | None, url: str) -> str | None:
    """The full address of the site URL ``url`` (``profiles/ada/``), or ``None`` without a ``site_url``."""
    if not site_url:
        return None
    return urljoin(site_url if site_url.endswith("/") else site_url + "/", url)


def orcid_id(url: str) -> str | None:
    """The ORCID iD (``0000-0002-1825-0097``) in an ORCID link, if it has one."""
    match = _ORCID.search(url)
    return match.group(1) if match else None


def profile_jsonld(profile: Profile, page: PlannedPage, *, site_url: str | None, language: str) -> dict[str, Any]:
    """The schema.org ``ProfilePage`` of a profile, whose ``mainEntity`` is the ``Person``.

    ``dateModified`` is ``last_reviewed``: the build has no other date that says when the content changed
    (file times change with every checkout), and a review is when an editor vouches for the page.
    """
    url = absolute_url(site_url, page.url)
    person: dict[str, Any] = {"@type": "Person"}
    if url:
        person["@id"] = url + "#person"
        person["url"] = url
    person["name"] = profile.name
    person["description"] = profile.summary
    if profile.focus:
        person["disambiguatingDescription"] = profile.focus
    if profile.role:
        person["jobTitle"] = profile.role
    if profile.organizations:
        organizations = [{"@type": "Organization", "name": name} for name in profile.organizations]
        person["affiliation"] = organizations
        person["worksFor"] = organizations
    if profile.topics:
        person["knowsAbout"] = list(profile.topics)
    if profile.links:
        person["sameAs"] = [link.url for link in profile.links]
    for link in profile.links:
        orcid = orcid_id(link.url) if link.kind == "orcid" else None
        if orcid:
            person["identifier"] = {
                "@type": "PropertyValue",
                "propertyID": "ORCID",
                "value": orcid,
                "url": link.url,
            }
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "ProfilePage"}
    if url:
        data["@id"] = url
        data["url"] = url
    data["name"] = page.title
    data["description"] = profile.summary
    data["inLanguage"] = language
    if profile.last_reviewed:
        data["lastReviewed"] = profile.last_reviewed.isoformat()
        data["dateModified"] = profile.last_reviewed.isoformat()
    data["mainEntity"] = person
    return data


@dataclass(frozen=True)
class PresentTags:
    """Which head tags the theme or another plugin already wrote, so none is written twice."""

    description: bool = False
    canonical: bool = False
    open_graph: bool = False
    twitter: bool = False


def present_tags(head: str) -> PresentTags:
    """What an HTML ``<head>`` already has (Material writes the description and canonical link; its social
    plugin writes Open Graph and Twitter tags)."""
    return PresentTags(
        description=re.search(r"<meta\s+name=[\"']description[\"']", head, re.IGNORECASE) is not None,
        canonical=re.search(r"<link\s+rel=[\"']canonical[\"']", head, re.IGNORECASE) is not None,
        open_graph=re.search(r"<meta\s+property=[\"']og:", head, re.IGNORECASE) is not None,
        twitter=re.search(r"<meta\s+(?:name|property)=[\"']twitter:", head, re.IGNORECASE) is not None,
    )


@dataclass(frozen=True)
class HeadData:
    """What ``profiles/partials/head.html`` writes for one page. Text is raw: the template escapes it."""

    title: str
    description: str | None
    canonical: str | None
    og_type: str
    site_name: str
    present: PresentTags
    feed_href: str | None = None
    feed_title: str | None = None
    jsonld: dict[str, Any] | None = None


def head_data(
    page: PlannedPage,
    plan: SitePlan,
    *,
    site_url: str | None,
    site_name: str,
    language: str,
    present: PresentTags,
    feed_url: str | None = None,
    feed_title: str | None = None,
) -> HeadData:
    """The head tags of a generated page. ``feed_url`` is the feed's site URL, linked relatively."""
    jsonld = None
    if page.kind == "profile" and page.key is not None:
        jsonld = profile_jsonld(plan.catalog.profiles[page.key], page, site_url=site_url, language=language)
    return HeadData(
        title=page.title,
        description=page.description,
        canonical=absolute_url(site_url, page.url),
        og_type="profile" if page.kind == "profile" else "website",
        site_name=site_name,
        present=present,
        feed_href=relative_url(feed_url, page.url) if feed_url else None,
        feed_title=feed_title,
        jsonld=jsonld,
    )


def insert_into_head(output: str, fragment: str) -> str:
    """``output`` with ``fragment`` just before ``</head>`` (unchanged when the page has no head)."""
    at = output.find("</head>")
    if at < 0 or not fragment.strip():
        return output
    return output[:at] + fragment.rstrip("\n") + "\n" + output[at:]
