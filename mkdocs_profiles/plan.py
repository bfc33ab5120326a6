"""Planning pages: which generated page lives at which path, with what title and description."""

from __future__ import annotations

from dataclasses import dataclass, field

from .catalog import Catalog
from .model import Related
from .urls import page_url

#: Kinds of the listing pages that the navigation shows.
INDEX_KINDS = ("directory", "topics", "organizations")


@dataclass(frozen=True)
class PageSettings:
    """Where generated pages go. Each prefix is a folder of the site, such as ``profiles``."""

    profiles_url: str = "profiles"
    topics_url: str = "topics"
    organizations_url: str = "organizations"
    use_directory_urls: bool = True
    review_url: str | None = "review"
    """Folder of the "Review status" page for editors; ``None`` leaves the page out."""

    def problems(self) -> list[str]:
        """What is wrong with these settings, as messages for the site owner."""
        found = []
        prefixes = {
            "profiles_url": self.profiles_url,
            "topics_url": self.topics_url,
            "organizations_url": self.organizations_url,
        }
        if self.review_url is not None:
            prefixes["review_url"] = self.review_url
        for name, prefix in prefixes.items():
            if not prefix.strip("/") or ".." in prefix.split("/") or "\\" in prefix:
                found.append(f"{name}: '{prefix}' must be a folder inside the site, such as 'people'")
        values = [p.strip("/") for p in prefixes.values()]
        if len(set(values[:3])) != 3:
            found.append("profiles_url, topics_url and organizations_url must be three different folders")
        if len(values) > 3 and values[3] in values[:3]:
            found.append("review_url must be a folder of its own, not profiles_url, topics_url or organizations_url")
        elif len(values) > 3 and any(values[3].startswith(f"{other}/") for other in values[:3]):
            # profiles/review would be the page of a profile whose slug is "review".
            found.append(f"review_url: '{values[3]}' must not be inside profiles_url, topics_url or organizations_url")
        return found


@dataclass(frozen=True)
class PlannedPage:
    """One generated page: what it shows, the source path it pretends to have, and its URL."""

    kind: str
    """``profile``, ``directory``, ``topics``, ``topic``, ``organizations``, ``organization`` or ``review``."""
    key: str | None
    """The profile's slug or the term's key; ``None`` for index pages."""
    src_uri: str
    url: str
    title: str
    description: str | None = None

    @property
    def template(self) -> str:
        """The template that renders this page, under the ``profiles/`` namespace."""
        return f"profiles/{self.kind}.html"


@dataclass(frozen=True)
class SitePlan:
    """Every generated page of a site, with the catalog and related researchers they show."""

    catalog: Catalog
    related: dict[str, tuple[Related, ...]]
    pages: tuple[PlannedPage, ...]
    settings: PageSettings
    by_key: dict[tuple[str, str | None], PlannedPage] = field(default_factory=dict)

    def page(self, kind: str, key: str | None = None) -> PlannedPage:
        """The planned page of a profile (by slug), topic or organization (by key), or an index page."""
        return self.by_key[(kind, key)]

    @property
    def index_pages(self) -> tuple[PlannedPage, ...]:
        """The directory, topics and organizations pages, in navigation order (not the editors' review page)."""
        return tuple(p for p in self.pages if p.kind in INDEX_KINDS)


def plan_pages(
    catalog: Catalog,
    related: dict[str, tuple[Related, ...]],
    settings: PageSettings,
    titles: dict[str, str],
) -> SitePlan:
    """Lay out every generated page. ``titles`` gives the index pages' titles (from the labels)."""

    def make(
        kind: str, key: str | None, folder: str, name: str, title: str, description: str | None = None
    ) -> PlannedPage:
        src_uri = f"{folder.strip('/')}/{name}.md"
        return PlannedPage(kind, key, src_uri, page_url(src_uri, settings.use_directory_urls), title, description)

    pages = [
        make(
            "directory", None, settings.profiles_url, "index", titles["directory_title"], titles.get("directory_intro")
        ),
        make("topics", None, settings.topics_url, "index", titles["topics_title"], titles.get("topics_intro")),
        make(
            "organizations",
            None,
            settings.organizations_url,
            "index",
            titles["organizations_title"],
            titles.get("organizations_intro"),
        ),
    ]
    for profile in catalog.profiles.values():
        pages.append(make("profile", profile.slug, settings.profiles_url, profile.slug, profile.name, profile.summary))
    for term in catalog.topics.values():
        pages.append(make("topic", term.key, settings.topics_url, term.slug, term.name, titles.get("topic_intro")))
    for term in catalog.organizations.values():
        pages.append(
            make(
                "organization",
                term.key,
                settings.organizations_url,
                term.slug,
                term.name,
                titles.get("organization_intro"),
            )
        )
    if settings.review_url is not None:
        pages.append(
            make("review", None, settings.review_url, "index", titles["review_title"], titles.get("review_intro"))
        )
    by_key = {(page.kind, page.key): page for page in pages}
    return SitePlan(catalog, related, tuple(pages), settings, by_key)
