"""The MkDocs adapter: translates MkDocs events into calls to the pure core."""

from __future__ import annotations

import logging
import os
import posixpath
import time
from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import nest_paths

from .config import ProfilesConfig
from .export import ASSET_URIS, front_matter
from .feed import feed_url
from .freshness import ReviewSettings
from .labels import merge_labels
from .links import resolve_links
from .markdown_text import MarkdownRenderer
from .parallel import (
    DataSettings,
    HeadSettings,
    Job,
    RenderedPage,
    Worker,
    data_file_uris,
    render_data_files,
    render_head,
    render_page,
    wants_worker,
)
from .pipeline import Options, ProfileCache, Result, build_plan
from .plan import INDEX_KINDS, PageSettings, PlannedPage, SitePlan
from .problems import Problem
from .relate import RelateSettings, relate
from .render import Renderer, RenderSettings
from .seo import insert_into_head, present_tags

log = logging.getLogger("mkdocs.plugins.profiles")

CSS_URI = ASSET_URIS["profiles.css"]
JS_URI = ASSET_URIS["filter.js"]


class ProfilesPlugin(BasePlugin[ProfilesConfig]):
    """``plugins: [profiles]``: profile files become profile, directory, topic and organization pages."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.cache = ProfileCache()
        self._markdown: tuple[str, dict[str, str]] = ("", {})  # extensions, HTML by text (serve)
        self.is_serve = False
        self.result: Result | None = None
        self.renderer: Renderer | None = None
        self.generated: dict[str, PlannedPage] = {}
        self.feed_uri: str | None = None
        self.worker: Worker | None = None
        self.rendered: dict[str, RenderedPage] = {}
        """Pages the worker rendered, by source path, kept from on_page_context to on_post_page."""
        self.placeholders: dict[str, File] = {}
        """Data files added in on_files whose content the worker writes, filled in on_env."""
        self.timings: dict[str, float] = {}
        """Seconds the last build spent in each phase (load, validate, ..., render), for the benchmark."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        base_dir = Path(config.config_file_path or ".").resolve().parent
        self.language = self.config.language or config.theme.get("language") or "en"
        try:
            labels = merge_labels(self.config.labels, self.language)
        except KeyError as error:
            raise PluginError(f"profiles: unknown key in 'labels': {error.args[0]}") from None
        pages = PageSettings(
            profiles_url=self.config.profiles_url.strip("/"),
            topics_url=self.config.topics_url.strip("/"),
            organizations_url=self.config.organizations_url.strip("/"),
            use_directory_urls=config.use_directory_urls,
            review_url=self.config.review_url.strip("/") if self.config.review_page else None,
        )
        if self.config.review_max_age < 0:
            raise PluginError("profiles: review_max_age must be a number of days, 0 or more")
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
            review=ReviewSettings(max_age_days=self.config.review_max_age),
            language=self.language,
        )
        self.auto_nav = config.nav is None
        if CSS_URI not in config.extra_css:
            # First, like a theme's own CSS, so a site's extra_css overrides it at equal specificity.
            config.extra_css.insert(0, CSS_URI)
        if all(str(script) != JS_URI for script in config.extra_javascript):
            config.extra_javascript.append(JS_URI)
        return config

    @event_priority(100)  # first, so the worker starts while MkDocs cleans the site folder and reads files
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        self._stop_worker()
        self.rendered = {}
        self.placeholders = {}
        if not wants_worker(self.config.parallel, self.options.profiles_dir):
            return
        job = Job(
            options=self.options,
            template_dirs=tuple(str(d) for d in config.theme.dirs),
            icon_dirs=tuple(str(d) for d in _icon_dirs(config)),
            markdown_extensions=tuple(config.markdown_extensions),
            markdown_configs=dict(config.mdx_configs),
            data=self._data_settings(config),
            head=self._head_settings(config) if self.config.seo else None,
        )
        self.worker = Worker.start(job, on_failure=lambda why: log.info(f"profiles: rendering in one process: {why}"))

    def _data_settings(self, config: MkDocsConfig) -> DataSettings:
        return DataSettings(
            site_url=config.site_url,
            site_name=config.site_name,
            author=config.site_author,
            feed=self.config.feed,
            feed_max=self.config.feed_max,
            json=self.config.json,
        )

    def _head_settings(self, config: MkDocsConfig) -> HeadSettings:
        social = config.plugins.get("material/social") or config.plugins.get("social")
        return HeadSettings(
            site_url=config.site_url,
            site_name=config.site_name,
            feed_title=self.options.labels["feed_title"],
            site_description=bool(config.site_description),
            social=bool(social and getattr(social, "config", {}).get("cards", True)),
        )

    def _stop_worker(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            if self.worker.timings:
                self.timings.update({f"worker_{k}": v for k, v in self.worker.timings.items()})
            if self.worker.failed:
                log.debug(f"profiles: the worker process did not deliver: {self.worker.failure}")
            self.worker = None

    @event_priority(-50)  # after plugins that add hand-written pages, so conflicts are seen
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        start = time.perf_counter()
        known = self.worker.share_load(self.options, self.cache) if self.worker is not None else None
        shared = time.perf_counter() - start
        result = self.result = build_plan(self.options, self.cache, with_related=self.worker is None, known=known)
        self.timings = {**result.timings, "render": 0.0}
        # Reading shared with the worker counts as loading (what the worker read, it sent parsed).
        self.timings["load"] = self.timings.get("load", 0.0) + shared
        if any(p.is_error for p in result.problems):
            self._stop_worker()
        _report(result.problems)
        plan = result.plan
        assert plan is not None  # _report raised if there were errors
        self.settings = settings = render_settings(config, self.options)
        if self.is_serve:
            # Rebuilds convert only the Markdown that changed (the extensions are part of the key).
            extensions = repr((config.markdown_extensions, config.mdx_configs))
            earlier = self._markdown[1] if self._markdown[0] == extensions else {}
            self._markdown = (extensions, settings.markdown.reuse(earlier))
        if self.worker is not None:
            self.worker.expect(result.fingerprint)
            self.renderer = None  # made when needed: the worker renders
        else:
            self.renderer = Renderer(plan, settings)
        _drop_profile_sources(files, self.options.profiles_dir, Path(config.docs_dir))
        _check_conflicts(plan.pages, files)
        self.generated = {}
        # Edit links are relative to docs_dir (MkDocs joins them to repo_url + edit_uri).
        up = Path(os.path.relpath(self.options.base_dir, config.docs_dir)).as_posix()

        def edit_uri(source: str) -> str:  # a profile's path as messages show it: relative to base_dir
            if posixpath.isabs(source):
                return Path(os.path.relpath(source, config.docs_dir)).as_posix()
            return posixpath.normpath(f"{up}/{source}")

        for planned in plan.pages:
            content = front_matter(planned)
            in_nav = planned.kind in INDEX_KINDS or (planned.kind == "profile" and self.config.nav_profiles)
            inclusion = InclusionLevel.INCLUDED if in_nav and self.auto_nav else InclusionLevel.NOT_IN_NAV
            file = File.generated(config, planned.src_uri, content=content, inclusion=inclusion)
            if planned.kind == "profile" and planned.key in plan.catalog.profiles:
                # "Edit this page" opens the profile file, not a generated page that exists nowhere.
                file.edit_uri = edit_uri(plan.catalog.profiles[planned.key].source)
            files.append(file)
            self.generated[planned.src_uri] = planned
        for name, uri in ASSET_URIS.items():
            if files.get_file_from_path(uri) is None:
                source = Path(__file__).parent / "assets" / name
                files.append(File.generated(config, uri, abs_src_path=str(source)))
        data = self._data_settings(config)
        if self.worker is not None:
            # The worker writes these; on_env fills them in, before MkDocs copies files.
            extra = dict.fromkeys(data_file_uris(plan, data), "")
        else:
            extra = render_data_files(plan, data, self.options.labels, self.language)
        for uri, text in extra.items():
            if files.get_file_from_path(uri) is None:
                file = File.generated(config, uri, content=text)
                files.append(file)
                if self.worker is not None:
                    self.placeholders[uri] = file
            else:
                log.warning(f"profiles: '{uri}' is in the docs folder, so the plugin does not write its own")
        self.feed_uri = feed_url(plan) if feed_url(plan) in extra else None
        if self.auto_nav:
            config.nav = self._auto_nav(files, plan)
        return files

    def _auto_nav(self, files: Files, plan: SitePlan) -> list[Any]:
        """MkDocs' automatic nav for hand-written pages, plus one "Profiles" section."""
        from mkdocs.structure.nav import file_sort_key  # type: ignore[attr-defined]  # noqa: PLC0415 (public in practice, not in __all__)

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
        if planned is None and self.result is not None and self.result.plan is not None and ":" in markdown:
            # Hand-written pages may link to generated ones as [Song Han](profile:song-han).
            shown, offset = _page_source(page, markdown, self.options.base_dir)
            links = resolve_links(markdown, page.file.src_uri, self.result.plan, shown, offset)
            for problem in links.problems:
                log.warning(str(problem))
            markdown = links.markdown
        return markdown

    def on_page_content(self, html_text: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        planned = self.generated.get(page.file.src_uri)
        if planned is None:
            return html_text
        if self.worker is not None and not self.worker.failed:
            return ""  # the worker renders it; on_page_context attaches it
        self._attach(page, planned, None)
        return page.content

    def page_renderer(self) -> Renderer:
        """The in-process renderer, made when first needed (with related researchers, if the plan lacks them)."""
        if self.renderer is None:
            assert self.result is not None and self.result.plan is not None
            plan = self.result.plan
            if not plan.related and plan.catalog.profiles:
                plan = replace(plan, related=relate(plan.catalog, self.options.relate))
                self.result.plan = plan
            self.renderer = Renderer(plan, self.settings)
        return self.renderer

    def _attach(self, page: Page, planned: PlannedPage, rendered: RenderedPage | None) -> None:
        """Give ``page`` its body, table of contents and anchors: the worker's, or rendered here."""
        start = time.perf_counter()
        if rendered is None:
            body, toc, anchors = render_page(self.page_renderer(), planned)
        else:
            body, toc, anchors = rendered.body, rendered.toc, rendered.anchors
        page.content = body
        # The body was not written in Markdown, so MkDocs' toc is empty: take it from the HTML, which also
        # sees headings that an overriding template adds.
        page.toc = get_toc(cast("list[Any]", toc))
        # MkDocs collected anchors from the (empty) Markdown; links like profiles/ada.md#known-for need these.
        page.present_anchor_ids = set(anchors)
        self.timings["render"] += time.perf_counter() - start

    @event_priority(100)  # before the search plugin and the theme read the page's content and toc
    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Any) -> Any:
        planned = self.generated.get(page.file.src_uri)
        if planned is not None and self.worker is not None and not page.content:
            rendered = self.worker.page(planned.src_uri)
            self._attach(page, planned, rendered)
            if rendered is not None:
                self.rendered[planned.src_uri] = rendered
        return context

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        if self.placeholders:
            assert self.result is not None and self.result.plan is not None
            texts = self.worker.data() if self.worker is not None else None
            if texts is None:
                plan = self.result.plan
                texts = render_data_files(plan, self._data_settings(config), self.options.labels, self.language)
            for uri, file in self.placeholders.items():
                file.content_string = texts[uri]
        return env

    @event_priority(-50)  # after Material's social plugin (50), whose Open Graph tags are then not repeated
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        planned = self.generated.get(page.file.src_uri)
        rendered = self.rendered.pop(page.file.src_uri, None)
        if planned is None or self.result is None or not self.config.seo:
            return output
        assert self.result.plan is not None
        present = present_tags(output[: output.find("</head>")])
        if rendered is not None and rendered.head is not None and rendered.head_present == present:
            tags = rendered.head
        else:
            tags = render_head(
                self.page_renderer(),
                planned,
                self.result.plan,
                self._head_settings(config),
                language=self.language,
                present=present,
                feed=self.feed_uri,
            )
        return insert_into_head(output, tags)

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._stop_worker()
        phases = ", ".join(f"{phase} {seconds:.3f} s" for phase, seconds in self.timings.items())
        log.debug(f"profiles: time by phase: {phases}")

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_worker()

    def on_shutdown(self) -> None:
        self._stop_worker()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        # Profiles and catalog files live outside docs_dir, and MkDocs watches the theme only with
        # --watch-theme: without these, editing a profile or an overriding template would not rebuild.
        if self.options.profiles_dir.is_dir():
            server.watch(str(self.options.profiles_dir))
        custom_dir = config.theme.custom_dir
        if custom_dir and Path(custom_dir).is_dir():
            server.watch(str(custom_dir))
        return server


def render_settings(config: MkDocsConfig, options: Options) -> RenderSettings:
    """How a site renders: its theme's template and icon folders first, its Markdown extensions.

    Shared with ``mkdocs-profiles export``, so exported pages look like built ones.
    """
    return RenderSettings(
        labels=options.labels,
        language=options.language,
        template_dirs=[Path(d) for d in config.theme.dirs],
        icon_dirs=_icon_dirs(config),
        markdown=MarkdownRenderer(config.markdown_extensions, config.mdx_configs),
        review=options.review,
    )


def _icon_dirs(config: MkDocsConfig) -> list[Path]:
    """Where icons are looked up: the theme's ``.icons`` folders (``custom_dir`` first), then Material's sets."""
    return [*(Path(d) / ".icons" for d in config.theme.dirs), *_material_icon_folders()]


def _material_icon_folders() -> list[Path]:
    """Material's bundled icon sets (material, fontawesome, octicons, simple)."""
    try:
        import material  # noqa: PLC0415 (the theme is optional for the core, not for this adapter)
    except ImportError:
        return []
    return [Path(material.__file__).parent / "templates" / ".icons"]


def _page_source(page: Page, markdown: str, base_dir: Path) -> tuple[str, int | None]:
    """The page's file as messages name it, and how many lines its front matter took (when that can be told)."""
    path = page.file.abs_src_path
    source = Path(os.path.relpath(path, base_dir)).as_posix() if path else page.file.src_uri
    try:
        raw = page.file.content_string.replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError, TypeError):
        return source, None
    if not raw.endswith(markdown):  # another plugin changed the Markdown: lines can no longer be trusted
        return source, None
    return source, raw[: len(raw) - len(markdown)].count("\n")


def _report(problems: list[Problem]) -> None:
    """Warnings go to the log (``--strict`` fails on them); errors fail the build in one message."""
    for problem in problems:
        if not problem.is_error:
            log.warning(str(problem))
    errors = [p for p in problems if p.is_error]
    if errors:
        lines = "\n".join(f"  {p}" for p in errors)
        raise PluginError(f"profiles: {len(errors)} problem(s) in profile files:\n{lines}")


def _drop_profile_sources(files: Files, profiles_dir: Path, docs_dir: Path) -> None:
    """Profile files kept inside ``docs_dir`` are data, not pages: never publish or render them raw."""
    if not profiles_dir.is_relative_to(docs_dir.resolve()):
        return
    for file in list(files):
        if file.abs_src_path and Path(file.abs_src_path).resolve().is_relative_to(profiles_dir):
            files.remove(file)


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
