"""``mkdocs-profiles``: the command line (``new``, ``check``, ``schema``, ``export``).

A front end like the plugin: it reads the site's ``mkdocs.yml`` with MkDocs, lets the ``profiles``
plugin turn its options into :class:`~mkdocs_profiles.pipeline.Options` exactly as a build would, and
then calls the pure core. ``check`` therefore prints the build's own messages.
"""

from __future__ import annotations

import json
import os
import textwrap
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click

from .freshness import Review, review_list
from .jsonschema import catalog_schema, schema_text
from .links import resolve_links
from .load import PROFILE_SUFFIXES, iter_profile_files
from .pipeline import Options, Result, build_plan
from .problems import Problem
from .schema import LINK_KINDS, PROFILE_FIELDS, RELATED_FIELDS, WORK_FIELDS, Field
from .slugs import RESERVED_SLUGS, is_slug, slugify

#: The copy of the JSON Schema kept beside the profiles, which the files ``new`` writes point at.
SCHEMA_COPY = "_profile.schema.json"
_WIDTH = 100


@dataclass
class Site:
    """What the commands need from a site: the plugin's options and the MkDocs config they came from."""

    config: Any
    """The loaded :class:`mkdocs.config.defaults.MkDocsConfig`."""
    options: Options

    @property
    def profiles_dir(self) -> Path:
        return self.options.profiles_dir

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the current folder when it is inside it."""
        try:
            return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def _load_site(config_file: str | None) -> Site:
    """Read ``mkdocs.yml`` as ``mkdocs build`` does and let the plugin build its options."""
    # Imported here so `mkdocs-profiles schema` and `--help` stay fast.
    from mkdocs.config import load_config  # noqa: PLC0415
    from mkdocs.exceptions import MkDocsException  # noqa: PLC0415

    from .plugin import ProfilesPlugin  # noqa: PLC0415

    try:
        config = load_config(config_file)
    except MkDocsException as error:
        raise click.ClickException(str(error) or "the MkDocs config could not be read") from None
    plugin = next((p for p in config.plugins.values() if isinstance(p, ProfilesPlugin)), None)
    if plugin is None:
        raise click.ClickException(
            f"{config.config_file_path} does not enable the profiles plugin: add '- profiles' under 'plugins:'"
        )
    try:
        plugin.on_config(config)
    except MkDocsException as error:
        raise click.ClickException(str(error)) from None
    return Site(config, plugin.options)


_config_option = click.option(
    "-f",
    "--config-file",
    type=click.Path(dir_okay=False),
    default=None,
    help="The site's MkDocs config (default: mkdocs.yml in the current folder).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mkdocs-profiles")
def main() -> None:
    """Write, check and inspect the profile files of an MkDocs site that uses the profiles plugin."""


# new ---------------------------------------------------------------------------------------------------
def _comment(text: str, indent: str = "") -> list[str]:
    return textwrap.wrap(text, _WIDTH - len(indent) - 2, initial_indent=f"{indent}# ", subsequent_indent=f"{indent}# ")


def _example_work() -> list[str]:
    examples = {"url": "https://...", "kind": "paper", "year": "2024"}
    return [
        f"#  {'- ' if index == 0 else '  '}{spec.name}: {examples.get(spec.name, '...')}"
        for index, spec in enumerate(WORK_FIELDS)
    ]


def _template_value(spec: Field, name: str, slug: str) -> list[str]:
    """The lines of one key of a new profile, ready to fill in (an empty key is valid: the page omits it)."""
    if spec.name == "name":
        return [f"name: {json.dumps(name, ensure_ascii=False)}"]
    if spec.name == "slug":
        return [f"slug: {slug}"]
    if spec.type == "bool":
        return [f"{spec.name}: false"]
    if spec.type in ("text_list", "markdown_list"):
        return [f"{spec.name}:", "#  - ..."]
    if spec.type == "works":
        fields = ", ".join(f"{f.name}{' (required)' if f.required else ''}" for f in WORK_FIELDS)
        return [*_comment(f"Each work has: {fields}."), f"{spec.name}:", *_example_work()]
    if spec.type == "related":
        note = next(f for f in RELATED_FIELDS if f.name == "note")
        return [
            f"{spec.name}:",
            "#  - other-profile-slug",
            "#  - profile: other-profile-slug",
            f"#    note: {note.description}",
        ]
    if spec.type == "links":
        return [f"{spec.name}:", *(f"#  {kind}: https://..." for kind in LINK_KINDS)]
    if spec.type == "date":
        return [f"{spec.name}:  # YYYY-MM-DD"]
    return [f"{spec.name}:"]


def new_profile_text(name: str, slug: str, markdown: bool = False) -> str:
    """A new profile with every key of the format present and explained, as ``mkdocs-profiles new`` writes it.

    Built from :data:`~mkdocs_profiles.schema.PROFILE_FIELDS`, so a key added to the format shows up here.
    """
    lines: list[str] = []
    if not markdown:
        # yaml-language-server resolves a relative path against the file: completion and checks while typing.
        lines += [f"# yaml-language-server: $schema=./{SCHEMA_COPY}"]
    lines += _comment(f"Profile of {name}. Fill in what you know: keys left empty are left out of the page.")
    lines += _comment("Check it with `mkdocs-profiles check`; preview it with `mkdocs serve`.")
    for spec in PROFILE_FIELDS:
        if markdown and spec.name == "bio":
            continue
        lines.append("")
        lines += _comment(spec.description + (" (required)" if spec.required else ""))
        lines += _template_value(spec, name, slug)
    if markdown:
        bio = next(f for f in PROFILE_FIELDS if f.name == "bio")
        lines += ["", *_comment(f"bio: {bio.description} Write it below the closing '---'.")]
        return "---\n" + "\n".join(lines) + "\n---\n\n"
    return "\n".join(lines) + "\n"


@main.command()
@click.argument("name")
@click.option("--slug", help="The slug (file name and page address); default: made from NAME.")
@click.option(
    "--markdown",
    "as_markdown",
    is_flag=True,
    help="Write profiles/<slug>.md (YAML front matter, Markdown bio).",
)
@_config_option
def new(name: str, slug: str | None, as_markdown: bool, config_file: str | None) -> None:
    """Write a new profile for NAME, with every key present and commented.

    \b
    mkdocs-profiles new "Song Han"        -> profiles/song-han.yml
    mkdocs-profiles new "Łukasz Kaiser"   -> profiles/lukasz-kaiser.yml
    """
    name = name.strip()
    if not name:
        raise click.UsageError("NAME is empty")
    slug = slug or slugify(name)
    if not is_slug(slug) or slug in RESERVED_SLUGS:
        raise click.UsageError(f"'{slug}' cannot be a slug: use lowercase letters, digits and hyphens (not 'index')")
    site = _load_site(config_file)
    folder = site.profiles_dir
    for suffix in PROFILE_SUFFIXES:
        existing = folder / f"{slug}{suffix}"
        if existing.exists():
            raise click.ClickException(f"{site.shown(existing)} already exists; nothing was written")
    path = folder / f"{slug}{'.md' if as_markdown else '.yml'}"
    folder.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as handle:  # "x": never overwrite, even in a race
        handle.write(new_profile_text(name, slug, as_markdown))
    click.echo(f"Wrote {site.shown(path)}")
    if _refresh_schema_copy(folder):
        click.echo(f"Wrote {site.shown(folder / SCHEMA_COPY)} (the schema editors use for completion)")


def _refresh_schema_copy(folder: Path) -> bool:
    """Write the JSON Schema beside the profiles when it is missing or outdated; whether it was written."""
    path = folder / SCHEMA_COPY
    text = schema_text()
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.write_text(text, encoding="utf-8", newline="\n")
    return True


# check -------------------------------------------------------------------------------------------------
def _link_problems(site: Site, result: Result) -> Iterator[Problem]:
    """Broken ``profile:``, ``topic:`` and ``organization:`` links in the docs, as the build reports them."""
    if result.plan is None:
        return
    from mkdocs.structure.files import get_files  # noqa: PLC0415
    from mkdocs.utils.meta import get_data  # noqa: PLC0415

    for file in get_files(site.config).documentation_pages():
        if not file.abs_src_path:
            continue
        raw = file.content_string
        if ":" not in raw:
            continue
        markdown, _ = get_data(raw)
        offset = raw[: len(raw) - len(markdown)].count("\n") if raw.endswith(markdown) else None
        source = Path(os.path.relpath(file.abs_src_path, site.options.base_dir)).as_posix()
        yield from resolve_links(markdown, file.src_uri, result.plan, source, offset).problems


def _annotation_value(text: str, property_: bool = False) -> str:
    """Escape text for a GitHub Actions workflow command (properties also escape ':' and ',')."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_ else text


def _github_line(level: str, file: str | None, line: int | None, title: str, message: str) -> str:
    properties = []
    if file:
        properties.append(f"file={_annotation_value(file, True)}")
    if line:
        properties.append(f"line={line}")
    properties.append(f"title={_annotation_value(title, True)}")
    return f"::{level} {','.join(properties)}::{_annotation_value(message)}"


def _problem_json(problem: Problem, file: str) -> dict[str, Any]:
    return {
        "file": file,
        "line": problem.line,
        "field": problem.field,
        "message": problem.message,
        "hint": problem.hint,
        "severity": problem.severity.value,
        "text": str(problem),
    }


def _review_json(review: Review, file: str) -> dict[str, Any]:
    return {
        "slug": review.slug,
        "name": review.name,
        "file": file,
        "last_reviewed": review.last_reviewed.isoformat() if review.last_reviewed else None,
        "age_days": review.age_days,
        "state": review.state,
        "editor_reviewed": review.editor_reviewed,
    }


def _review_text(review: Review, max_age: int) -> str:
    if review.never:
        return f"{review.name}: never reviewed (no last_reviewed date)"
    assert review.last_reviewed is not None
    when = review.last_reviewed.isoformat()
    return f"{review.name}: last reviewed {when}, {review.age_days} days ago (more than {max_age})"


@main.command()
@click.option(
    "--format",
    "output",
    type=click.Choice(["text", "github", "json"]),
    default="text",
    show_default=True,
    help="text for people, github for GitHub Actions annotations, json for programs.",
)
@click.option("--stale", is_flag=True, help="Also list profiles whose review is overdue or that were never reviewed.")
@click.option("--strict", is_flag=True, help="Fail on warnings too, as `mkdocs build --strict` would.")
@_config_option
def check(output: str, stale: bool, strict: bool, config_file: str | None) -> None:
    """Validate every profile without building the site; exit with 1 on any error.

    Prints the messages `mkdocs build` would print, including broken profile: links in the docs.
    """
    site = _load_site(config_file)
    options = site.options
    result = build_plan(options)
    problems = [*result.problems, *_link_problems(site, result)]
    files = sum(1 for _ in iter_profile_files(options.profiles_dir))
    reviews = (
        [r for r in review_list([p for p in result.profiles if not p.draft], options.review) if r.needs_review]
        if stale
        else []
    )
    error_count = sum(1 for p in problems if p.is_error)
    warning_count = len(problems) - error_count
    failed = error_count > 0 or (strict and warning_count > 0)

    def shown(file: str) -> str:
        return site.shown(options.base_dir / file)

    if output == "json":
        report: dict[str, Any] = {
            "ok": not failed,
            "config": site.shown(Path(site.config.config_file_path)),
            "files": files,
            "profiles": len(result.profiles),
            "errors": error_count,
            "warnings": warning_count,
            "problems": [_problem_json(p, shown(p.file)) for p in problems],
        }
        if stale:
            report["review_max_age"] = options.review.max_age_days
            report["build_date"] = options.review.today.isoformat()
            report["stale"] = [_review_json(r, shown(r.source)) for r in reviews]
        click.echo(json.dumps(report, indent=2, ensure_ascii=False))
    elif output == "github":
        for problem in problems:
            level = "error" if problem.is_error else "warning"
            message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
            click.echo(
                _github_line(level, shown(problem.file), problem.line, problem.field or "mkdocs-profiles", message)
            )
        for review in reviews:
            click.echo(
                _github_line(
                    "notice",
                    shown(review.source),
                    None,
                    "Review due",
                    _review_text(review, options.review.max_age_days),
                )
            )
    else:
        for problem in problems:
            where = str(problem).replace(problem.file, shown(problem.file), 1)
            click.echo(f"{'error' if problem.is_error else 'warning'}: {where}")
        if stale:
            if reviews:
                click.echo(f"Profiles to review ({len(reviews)}), never reviewed and oldest first:")
                for review in reviews:
                    click.echo(f"  {shown(review.source)}: {_review_text(review, options.review.max_age_days)}")
            else:
                click.echo("No review is due.")
        plural = "" if files == 1 else "s"
        click.echo(
            f"{files} profile file{plural} checked: {error_count} error(s), {warning_count} warning(s).",
            err=True,
        )
        copy = options.profiles_dir / SCHEMA_COPY
        if copy.is_file() and copy.read_text(encoding="utf-8") != schema_text():
            click.echo(f"note: {site.shown(copy)} is out of date: run `mkdocs-profiles schema --write`", err=True)
    if failed:
        raise SystemExit(1)


# schema ------------------------------------------------------------------------------------------------
@main.command()
@click.option(
    "--for",
    "target",
    type=click.Choice(["profile", "topics", "organizations"]),
    default="profile",
    show_default=True,
    help="Which file's schema: a profile, _topics.yml or _organizations.yml.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write the schema to this file.")
@click.option("--write", is_flag=True, help=f"Write the profile schema to <profiles_dir>/{SCHEMA_COPY} (reads -f).")
@_config_option
def schema(target: str, output: str | None, write: bool, config_file: str | None) -> None:
    """Print the JSON Schema (draft-07) of profile files, generated from the format's one definition."""
    text = schema_text() if target == "profile" else schema_text(catalog_schema(target[:-1]))
    if write:
        if target != "profile":
            raise click.UsageError("--write is for the profile schema; use -o for the others")
        site = _load_site(config_file)
        site.profiles_dir.mkdir(parents=True, exist_ok=True)
        _refresh_schema_copy(site.profiles_dir)
        click.echo(f"Wrote {site.shown(site.profiles_dir / SCHEMA_COPY)}")
    elif output:
        Path(output).write_text(text, encoding="utf-8", newline="\n")
        click.echo(f"Wrote {output}")
    else:
        click.echo(text, nl=False)


# export ------------------------------------------------------------------------------------------------
@main.command()
@click.option(
    "--out",
    "out_dir",
    required=True,
    type=click.Path(file_okay=False, writable=True),
    help="Folder to write the Markdown pages into (created if missing).",
)
@_config_option
def export(out_dir: str, config_file: str | None) -> None:
    """Write every generated page as plain Markdown with front matter, for Zensical or any other generator."""
    from .export import ExportError, export_markdown  # noqa: PLC0415
    from .plugin import render_settings  # noqa: PLC0415

    site = _load_site(config_file)
    try:
        written = export_markdown(
            site.options,
            Path(out_dir),
            render_settings(site.config, site.options),
            site_url=site.config.site_url,
            site_name=site.config.site_name,
        )
    except ExportError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        raise click.ClickException("the profiles have errors; nothing was exported") from None
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Wrote {len(written)} files to {site.shown(Path(out_dir))}")
