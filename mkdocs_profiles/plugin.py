"""The MkDocs adapter: translates MkDocs events into calls to the pure core."""

from __future__ import annotations

import html
import logging
import os
from pathlib import Path
from typing import Any

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import nest_paths

from .config import ProfilesConfig
from .headings import Heading, extract_headings
from .icons import material_icon_folders
from .labels import merge_labels
from .markdown_text import MarkdownRenderer
from .pipeline import Options, ProfileCache, Result, build_plan
from .plan import PageSettings, PlannedPage, SitePlan
from .problems import Problem
from .relate import RelateSettings
from .render import Renderer, RenderSettings

log = logging.getLogger("mkdocs.plugins.profiles")

CSS_URI = "assets/profiles/profiles.css"


class ProfilesPlugin(BasePlugin[ProfilesConfig]):
    """``plugins: [profiles]``: profile files become profile, directory, topic and organization pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = ProfileCache()
        self.is_serve = False
        self.result: Result | None = None
        self.renderer: Renderer | None = None
        self.generated: dict[str, PlannedPage] = {}
        self.profile_files: dict[str, Path] = {}

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        try:
            labels = merge_labels(self.config.labels)
        except KeyError as error:
            raise PluginError(f"profiles: unknown key in 'labels': {error.args[0]}") from None
        pages = PageSettings(
            profiles_url=self.config.profiles_url.strip("/"),
            topics_url=self.config.topics_url.strip("/"),
            organizations_url=self.config.organizations_url.strip("/"),
            use_directory_urls=config.use_directory_urls,
        )
        if pages.problems():
            raise PluginError("profiles: " + "; ".join(pages.problems()))
        self.options = Options(
            profiles_dir=(base_dir / self.config.profiles_dir).resolve(),
            base_dir=base_dir,
            pages=pages,
            relate=RelateSettings(
                max_related=self.config.related_max,
                weight_works=float(self.config.related_weight_works),
                weight_organizations=float(self.config.related_weight_organizations),
                weight_topics=float(self.config.related_weight_topics),
                ignore_share=float(self.config.related_ignore_share),
            ),
            labels=labels,
            include_drafts=self.is_serve and self.config.drafts_on_serve,
        )
        self.language = self.config.language or config.theme.get("language") or "en"
        self.auto_nav = config.nav is None
        if CSS_URI not in config.extra_css:
            config.extra_css.append(CSS_URI)
        return config

    @event_priority(-50)  # after plugins that add hand-written pages, so conflicts are seen
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        result = self.result = build_plan(self.options, self.cache)
        _report(result.problems)
        plan = result.plan
        assert plan is not None  # _report raised if there were errors
        self.renderer = Renderer(
            plan,
            RenderSettings(
                labels=self.options.labels,
                language=self.language,
                template_dirs=[Path(d) for d in config.theme.dirs],
                icon_dirs=[*(Path(d) / ".icons" for d in config.theme.dirs), *material_icon_folders()],
                markdown=MarkdownRenderer(config.markdown_extensions, config.mdx_configs),
            ),
        )
        _check_conflicts(plan.pages, files)
        self.generated = {}
        self.profile_files = {p.slug: self.options.base_dir / p.source for p in plan.catalog.profiles.values()}
        for planned in plan.pages:
            front = {"title": html.escape(planned.title)}
            if planned.description:
                front["description"] = html.escape(planned.description)
            content = "---\n" + yaml.safe_dump(front, allow_unicode=True, sort_keys=False) + "---\n"
            in_nav = planned.key is None or (planned.kind == "profile" and self.config.nav_profiles)
            inclusion = InclusionLevel.INCLUDED if in_nav and self.auto_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, planned.src_uri, content=content, inclusion=inclusion))
            self.generated[planned.src_uri] = planned
        css = Path(__file__).parent / "assets" / "profiles.css"
        if files.get_file_from_path(CSS_URI) is None:
            files.append(File.generated(config, CSS_URI, abs_src_path=str(css)))
        if self.auto_nav:
            config.nav = self._auto_nav(files, plan)
        return files

    def _auto_nav(self, files: Files, plan: SitePlan) -> list[Any]:
        """MkDocs' automatic nav for hand-written pages, plus one "Profiles" section."""
        from mkdocs.structure.nav import file_sort_key  # noqa: PLC0415

        ours = set(self.generated)
        own = sorted(
            (f for f in files.documentation_pages() if f.src_uri not in ours and f.inclusion.is_in_nav()),
            key=file_sort_key,
        )
        section: list[Any] = [page.src_uri for page in plan.index_pages]
        if self.config.nav_profiles:
            section += [p.src_uri for p in plan.pages if p.kind == "profile"]
        nav: list[Any] = nest_paths(f.src_uri for f in own)
        nav.append({self.options.labels["nav_section"]: section})
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        planned = self.generated.get(page.file.src_uri)
        if planned is not None and planned.kind == "profile" and planned.key in self.profile_files:
            # "Edit this page" opens the profile file, not a generated page that exists nowhere.
            source = self.profile_files[planned.key]
            page.file.edit_uri = Path(os.path.relpath(source, config.docs_dir)).as_posix()
            page._set_edit_url(config.repo_url, config.edit_uri, config.edit_uri_template)
        return markdown

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        planned = self.generated.get(page.file.src_uri)
        if planned is None or self.renderer is None:
            return html_text
        body = self.renderer.render(planned)
        # The body was not written in Markdown, so MkDocs' toc is empty: take it from the HTML, which also
        # sees headings that an overriding template adds.
        page.toc = get_toc([_token(h) for h in extract_headings(body)])
        return body

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        if self.options.profiles_dir.is_dir():
            server.watch(str(self.options.profiles_dir))
        return server


def _token(heading: Heading) -> Any:
    return {
        "level": heading.level,
        "id": heading.id,
        "name": html.escape(heading.title),
        "html": html.escape(heading.title),
        "data-toc-label": "",
        "children": [_token(child) for child in heading.children],
    }


def _report(problems: list[Problem]) -> None:
    """Warnings go to the log (``--strict`` fails on them); errors fail the build in one message."""
    for problem in problems:
        if not problem.is_error:
            log.warning(str(problem))
    errors = [p for p in problems if p.is_error]
    if errors:
        lines = "\n".join(f"  {p}" for p in errors)
        raise PluginError(f"profiles: {len(errors)} problem(s) in profile files:\n{lines}")


def _check_conflicts(pages: tuple[PlannedPage, ...], files: Files) -> None:
    """A generated page never replaces a hand-written one: same source path or same URL is an error."""
    by_url = {f.url: f for f in files}
    clashes = []
    for planned in pages:
        existing = files.get_file_from_path(planned.src_uri) or by_url.get(planned.url)
        if existing is not None:
            clashes.append(
                f"  the generated {planned.kind} page '{planned.src_uri}' (URL '{planned.url or '/'}') "
                f"clashes with '{existing.src_uri}' in the docs folder"
            )
    if clashes:
        raise PluginError("profiles: generated pages would overwrite hand-written ones:\n" + "\n".join(clashes))
