"""Every generated page as a plain Markdown file with front matter, for any Markdown site generator.

This is how a site moves beyond MkDocs 1.x (to Zensical or another generator) without losing its profile
pages: ``mkdocs-profiles export --out DIR`` calls :func:`export_markdown`, which runs the same core as the
plugin and writes what the plugin would add to a build. Nothing here imports MkDocs.

Each page's body is the HTML the plugin renders (Markdown passes block-level HTML through unchanged), and
its links are relative URLs of the same layout as an MkDocs build with ``use_directory_urls``, so the pages
link to each other wherever the folder is published.
"""

from __future__ import annotations

import html
import re
import shutil
from json import dumps as _json_string
from pathlib import Path

from .feed import atom_feed, feed_url
from .json_export import json_url, profiles_json
from .pipeline import Options, build_plan
from .plan import PlannedPage, SitePlan
from .problems import Problem
from .render import Renderer, RenderSettings

ASSETS = Path(__file__).parent / "assets"
#: Where the stylesheet and the directory filter script go, in the export as in a build.
ASSET_URIS = {"profiles.css": "assets/profiles/profiles.css", "filter.js": "assets/profiles/filter.js"}


def front_matter(page: PlannedPage) -> str:
    """The YAML front matter of a generated page: its title and description.

    Both are HTML-escaped because Material (and other themes) print ``title`` and ``description`` into
    the page's ``<head>`` without escaping them, and they come from profile files.
    """
    text = "---\ntitle: " + _yaml_string(html.escape(page.title)) + "\n"
    if page.description:
        text += "description: " + _yaml_string(html.escape(page.description)) + "\n"
    return text + "---\n"


#: What a JSON string leaves raw but a YAML double-quoted scalar may not hold raw: characters PyYAML's
#: reader refuses (DEL, C1 controls, surrogates, U+FFFE, U+FFFF), the line breaks YAML 1.1 folds into
#: spaces (NEL, LS, PS), and the byte order mark, which some YAML readers drop.
_NOT_RAW_IN_YAML = re.compile(r"[^\t\n\r\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]")


def _escape_for_yaml(match: re.Match[str]) -> str:
    code = ord(match.group())
    # A surrogate (never in text read from UTF-8) has no YAML escape: PyYAML refuses "\\uD800", and
    # MkDocs would then drop the page's whole front matter. It becomes the replacement character.
    return "\ufffd" if 0xD800 <= code <= 0xDFFF else f"\\u{code:04X}"


def _yaml_string(text: str) -> str:
    """``text`` as a YAML double-quoted scalar that reads back as exactly ``text``.

    Written by hand because PyYAML's dumper is pure Python and this runs for every generated page. A JSON
    string is nearly a YAML double-quoted scalar, and every escape JSON writes means the same in YAML;
    what JSON leaves raw but YAML may not take raw (all below U+10000) is escaped as ``\\uXXXX``, except
    surrogates, which no YAML escape can give back (they become U+FFFD).
    """
    return _NOT_RAW_IN_YAML.sub(_escape_for_yaml, _json_string(text, ensure_ascii=False))


class ExportError(Exception):
    """The profiles have errors, so nothing was exported; ``problems`` lists every one (and the warnings)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.is_error]
        return f"{len(errors)} problem(s) in profile files:\n" + "\n".join(f"  {p}" for p in errors)


def export_markdown(
    options: Options,
    out_dir: Path,
    settings: RenderSettings | None = None,
    *,
    site_url: str | None = None,
    site_name: str = "",
) -> list[Path]:
    """Write every generated page of the site described by ``options`` into ``out_dir``; return the files.

    Pages go where the plugin would put them (``profiles/ada.md``, ``topics/index.md``...), with the
    stylesheet and filter script under ``assets/profiles/``, plus ``profiles.json`` and the Atom feed.
    ``settings`` gives template folders, icon folders and Markdown extensions (without icon folders, icons
    are left out); by default the package's templates and the labels and language of ``options``.
    Existing files of the same name are replaced; nothing else in ``out_dir`` is touched.

    Raises :class:`ExportError` when a profile has an error, and ``ValueError`` when ``out_dir`` is inside
    the profiles folder.
    """
    out_dir = out_dir.resolve()
    profiles_dir = options.profiles_dir.resolve()
    if out_dir == profiles_dir or profiles_dir in out_dir.parents:
        raise ValueError(f"will not export into the profiles folder {profiles_dir}")
    result = build_plan(options)
    if result.plan is None:
        raise ExportError(result.problems)
    plan = result.plan
    settings = settings or RenderSettings(labels=options.labels, language=options.language, review=options.review)
    renderer = Renderer(plan, settings)
    written: list[Path] = []

    def write(relative: str, text: str) -> None:
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)

    for page in plan.pages:
        write(page.src_uri, front_matter(page) + "\n" + renderer.render(page))
    for name, uri in ASSET_URIS.items():
        target = out_dir / uri
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ASSETS / name, target)
        written.append(target)
    for uri, text in data_files(
        plan, site_url=site_url, site_name=site_name, labels=settings.labels, language=settings.language
    ).items():
        write(uri, text)
    return written


def data_files(
    plan: SitePlan,
    *,
    site_url: str | None,
    site_name: str,
    labels: dict[str, str],
    language: str = "en",
    author: str | None = None,
    feed: bool = True,
    feed_max: int = 50,
    json: bool = True,
) -> dict[str, str]:
    """The files beside the pages, by site URL: ``profiles.json`` and the Atom feed (when it has entries)."""
    files: dict[str, str] = {}
    if json:
        files[json_url(plan)] = profiles_json(plan, site_url=site_url)
    if feed:
        document = atom_feed(
            plan,
            site_url=site_url,
            site_name=site_name,
            title=labels["feed_title"],
            language=language,
            author=author,
            limit=feed_max,
        )
        if document is not None:
            files[feed_url(plan)] = document
    return files
