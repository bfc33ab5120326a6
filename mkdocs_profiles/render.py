"""Rendering planned pages with Jinja templates (the view), looked up in the site's folders first."""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import MutableMapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from babel.core import Locale
from jinja2 import ChoiceLoader, Environment, FileSystemLoader, PackageLoader, StrictUndefined
from markupsafe import Markup

from .directory_filter import filter_text, term_slugs, top_terms
from .freshness import ReviewSettings, review_list, review_of
from .icons import LINK_ICONS, UI_ICONS, WORK_ICONS, IconSet
from .labels import format_long_date, resolve_locale
from .markdown_text import MarkdownRenderer
from .model import Profile, Related, Term
from .plan import PlannedPage, SitePlan
from .seo import script_json
from .slugs import term_key


@dataclass
class RenderSettings:
    """What rendering needs besides the plan."""

    labels: dict[str, str]
    language: str = "en"
    template_dirs: Sequence[Path] = ()
    """Folders searched before the package's own templates (a theme's ``custom_dir`` first)."""
    icon_dirs: Sequence[Path] = ()
    markdown: MarkdownRenderer = field(default_factory=MarkdownRenderer)
    review: ReviewSettings = field(default_factory=ReviewSettings)
    """When a profile's review is due: drives the "Review due" chip and the review status page."""


@dataclass(frozen=True)
class RelatedCard:
    """A related researcher as a card shows it."""

    entry: Related
    profile: Profile
    page: PlannedPage


def _plural(labels: dict[str, str], stem: str, count: int) -> str:
    return labels[f"{stem}_one" if count == 1 else f"{stem}_many"].format(count=count)


def describe_shared(entry: Related, labels: dict[str, str]) -> str:
    """Why a computed related researcher was chosen: ``Long context, Quantization · MIT · 1 work``.

    Groups (topics, organizations, works) are ordered by what they contributed, most first.
    """
    groups: dict[str, list[str]] = {}
    totals: dict[str, float] = {}
    for item in entry.shared:
        groups.setdefault(item.kind, []).append(item.name)
        totals[item.kind] = totals.get(item.kind, 0.0) + item.weight
    parts = []
    for kind in sorted(groups, key=lambda k: (-totals[k], k)):
        parts.append(_plural(labels, "work", len(groups[kind])) if kind == "work" else ", ".join(groups[kind]))
    return " · ".join(parts)


class _Environment(Environment):
    """A Jinja environment whose templates see its globals as one dict.

    Jinja gives each template a ``ChainMap`` of its own and the environment's globals, so that globals
    added later still show; every page and include then iterates it into a set, a tenth of the rendering
    time. The renderer sets its globals before it loads any template (as Jinja's documentation asks), so
    a plain dict gives the same.
    """

    def make_globals(self, d: MutableMapping[str, Any] | None) -> MutableMapping[str, Any]:
        return {**self.globals, **(d or {})}


class Renderer:
    """Renders the HTML body of every planned page of a :class:`~mkdocs_profiles.plan.SitePlan`."""

    def __init__(self, plan: SitePlan, settings: RenderSettings) -> None:
        self.plan = plan
        self.settings = settings
        self.labels = settings.labels
        self.locale: Locale = resolve_locale(settings.language)
        self.icons = IconSet(list(settings.icon_dirs))
        self.env = _Environment(
            loader=ChoiceLoader(
                [
                    FileSystemLoader([str(d) for d in settings.template_dirs]),
                    PackageLoader("mkdocs_profiles", "templates"),
                ]
            ),
            # Every template is HTML: a plain True spares a call per template and include, which
            # select_autoescape(default=True, default_for_string=True) would answer True to anyway.
            autoescape=True,
            undefined=StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            # A renderer lives for one build (serve makes a new one), so templates need no re-checking
            # on disk at every page and include: that was a tenth of the rendering time. For the same
            # reason a plain dict holds them (cache_size=-1), not an LRU cache that locks at every include.
            auto_reload=False,
            cache_size=-1,
        )
        self._icons: dict[str, Markup] = {}  # by name: a profile page shows some twenty
        self._url_parts: dict[str, list[str]] = {}
        self.env.globals.update(
            labels=self.labels,
            plan=plan,
            catalog=plan.catalog,
            icon=self.icon,
            work_icon=lambda kind: self.icon(WORK_ICONS.get(kind or "other", WORK_ICONS["other"])),
            link_icon=lambda kind: self.icon(LINK_ICONS[kind]),
            ui_icon=lambda name: self.icon(UI_ICONS[name]),
            markdown=lambda text: Markup(settings.markdown.block(text)),
            markdown_inline=lambda text: Markup(settings.markdown.inline(text)),
            format_date=self.format_date,
            plural=lambda stem, count: _plural(self.labels, stem, count),
            describe_shared=lambda entry: describe_shared(entry, self.labels),
            review_of=lambda profile: review_of(profile, settings.review),
            filter_text=filter_text,
            filter_topics=lambda profile: term_slugs(profile.topics, plan.catalog.topics),
            filter_organizations=lambda profile: term_slugs(profile.organizations, plan.catalog.organizations),
            top_terms=lambda kind, limit: top_terms(plan.catalog, kind, limit),
        )
        self.env.filters["script_json"] = script_json

    def icon(self, name: str) -> Markup:
        """Trusted SVG markup of a bundled icon."""
        markup = self._icons.get(name)
        if markup is None:
            markup = self._icons[name] = Markup(self.icons.svg(name))
        return markup

    def _parts(self, path: str) -> list[str]:
        """The folders and name of a site path, as :func:`~mkdocs_profiles.urls.relative_url` splits it.

        Each page URL is split once per build rather than at every link to it (the directory page links
        every profile, each profile page a dozen pages), which halves the time a link takes.
        """
        parts = self._url_parts.get(path)
        if parts is None:
            parts = [part for part in posixpath.normpath(path or ".").split("/") if part not in ("", ".")]
            self._url_parts[path] = parts
        return parts

    def format_date(self, value: datetime.date) -> str:
        """A date for readers, in the site's language."""
        return format_long_date(value, self.locale)

    def context(self, page: PlannedPage) -> dict[str, Any]:
        """What the template of ``page`` receives."""
        plan = self.plan
        base_parts = self._parts(page.url[:-1] if page.url.endswith("/") else posixpath.dirname(page.url))

        def url(kind: str, key: str | None = None) -> str:
            """The link to another planned page, as :func:`~mkdocs_profiles.urls.relative_url` writes it."""
            path, _, fragment = plan.page(kind, key).url.partition("#")
            parts = self._parts(path)
            common = 0
            for ours, theirs in zip(parts, base_parts, strict=False):
                if ours != theirs:
                    break
                common += 1
            relative = "/".join([".."] * (len(base_parts) - common) + parts[common:]) or "."
            if path.endswith("/") or path == "":
                relative = relative + "/" if relative != "." else "./"
            return relative + ("#" + fragment if fragment else "")

        context: dict[str, Any] = {"page": page, "url": url}
        if page.kind == "profile":
            assert page.key is not None
            profile = plan.catalog.profiles[page.key]
            context["profile"] = profile
            # Known For items are converted together, once per page rather than once per item.
            self.settings.markdown.prepare(profile.known_for)
            context["topics"] = [plan.catalog.topic(name) for name in profile.topics if _has(plan.catalog.topics, name)]
            context["organizations"] = [
                plan.catalog.organization(name)
                for name in profile.organizations
                if _has(plan.catalog.organizations, name)
            ]
            context["related"] = [
                RelatedCard(entry, plan.catalog.profiles[entry.slug], plan.page("profile", entry.slug))
                for entry in plan.related.get(page.key, ())
            ]
        elif page.kind in ("topic", "organization"):
            assert page.key is not None
            terms = plan.catalog.topics if page.kind == "topic" else plan.catalog.organizations
            term: Term = terms[page.key]
            context["term"] = term
            context["profiles"] = [plan.catalog.profiles[slug] for slug in term.profiles]
        elif page.kind == "directory":
            context["profiles"] = list(plan.catalog.profiles.values())
        elif page.kind in ("topics", "organizations"):
            terms = plan.catalog.topics if page.kind == "topics" else plan.catalog.organizations
            context["terms"] = sorted(terms.values(), key=lambda t: (-len(t.profiles), t.name.casefold(), t.slug))
        elif page.kind == "review":
            context["reviews"] = review_list(plan.catalog.profiles.values(), self.settings.review)
            context["max_age_days"] = self.settings.review.max_age_days
        return context

    def render(self, page: PlannedPage) -> str:
        """The HTML body of ``page``."""
        return self.env.get_template(page.template).render(self.context(page))

    def render_template(self, name: str, context: dict[str, Any]) -> str:
        """Any template of the ``profiles/`` namespace (such as ``profiles/partials/head.html``) with ``context``."""
        return self.env.get_template(name).render(context)


def _has(terms: dict[str, Term], name: str) -> bool:
    return term_key(name) in terms
