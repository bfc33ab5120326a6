"""``profiles.json``: every published profile in the shape of a profile file, for other tools to consume.

Each profile is written key by key from :data:`~mkdocs_profiles.schema.PROFILE_FIELDS`, the one definition
of the format, so the JSON validates against the same schema as the files (a missing key means the
format's default, as in a file). Page addresses are not part of the format: they sit beside, in ``pages``.
"""

from __future__ import annotations

import json
from typing import Any

from .model import Link, Profile, RelatedRef, Work
from .plan import SitePlan
from .schema import PROFILE_FIELDS, WORK_FIELDS
from .seo import absolute_url

#: Bumped when the document's layout (not the profile format) changes.
FORMAT_VERSION = 1


def _work(work: Work) -> dict[str, Any]:
    data = {field.name: getattr(work, field.name) for field in WORK_FIELDS}
    return {key: value for key, value in data.items() if value is not None}


def _related(ref: RelatedRef) -> str | dict[str, str]:
    return {"profile": ref.slug, "note": ref.note} if ref.note else ref.slug


def _links(links: tuple[Link, ...]) -> dict[str, str]:
    return {link.kind: link.url for link in links}


def profile_data(profile: Profile) -> dict[str, Any]:
    """``profile`` as the plain data of a profile file (keys in the format's order, defaults left out)."""
    data: dict[str, Any] = {}
    for field in PROFILE_FIELDS:
        value: Any = getattr(profile, field.name, None)
        if field.type == "works":
            value = [_work(work) for work in value]
        elif field.type == "related":
            value = [_related(ref) for ref in value]
        elif field.type == "links":
            value = _links(value)
        elif field.type == "date" and value is not None:
            value = value.isoformat()
        elif isinstance(value, tuple):
            value = list(value)
        if value is None or value is False or value == [] or value == {}:
            continue
        data[field.name] = value
    return data


def profiles_json(plan: SitePlan, *, site_url: str | None) -> str:
    """The JSON document: ``profiles`` (sorted by name) and ``pages``, each profile's page address.

    Addresses are absolute with ``site_url``, else relative to the site's root (``profiles/ada/``).
    """
    profiles = list(plan.catalog.profiles.values())
    document = {
        "version": FORMAT_VERSION,
        "generator": "mkdocs-profiles",
        "site_url": site_url or None,
        "profiles": [profile_data(profile) for profile in profiles],
        "pages": {
            profile.slug: absolute_url(site_url, page.url) or page.url
            for profile in profiles
            for page in (plan.page("profile", profile.slug),)
        },
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def json_url(plan: SitePlan) -> str:
    """The site URL of the document: ``profiles.json`` beside the directory (``profiles/profiles.json``)."""
    return plan.settings.profiles_url.strip("/") + "/profiles.json"
