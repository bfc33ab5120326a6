"""The plugin's options in ``mkdocs.yml``: one typed line per option."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class ProfilesConfig(base.Config):
    """Options of the ``profiles`` plugin. Every one is optional."""

    profiles_dir = c.Type(str, default="profiles")
    """Folder of profile files, relative to ``mkdocs.yml``."""
    profiles_url = c.Type(str, default="profiles")
    """Folder of the site that holds the directory and the profile pages."""
    topics_url = c.Type(str, default="topics")
    """Folder of the site that holds the topic index and topic pages."""
    organizations_url = c.Type(str, default="organizations")
    """Folder of the site that holds the organization index and organization pages."""
    related_max = c.Type(int, default=5)
    """How many related researchers a profile shows at most, besides curated ones beyond that number."""
    related_weight_works = c.Type((int, float), default=3.0)
    """How much a shared work (same URL) counts."""
    related_weight_organizations = c.Type((int, float), default=1.5)
    """How much a shared organization counts."""
    related_weight_topics = c.Type((int, float), default=1.0)
    """How much a shared topic counts."""
    related_ignore_share = c.Type((int, float), default=0.5)
    """Items held by more than this share of profiles are ignored when relating (sites of 20 or more)."""
    nav_profiles = c.Type(bool, default=False)
    """Also list every profile page in the navigation (for small sites: it slows big builds)."""
    drafts_on_serve = c.Type(bool, default=True)
    """Show draft profiles, marked as drafts, under ``mkdocs serve``."""
    review_max_age = c.Type(int, default=365)
    """Days after ``last_reviewed`` when a profile shows "Review due"; ``0`` turns the check off.

    Measured from the build date: today (UTC), or ``SOURCE_DATE_EPOCH`` when that variable is set."""
    review_page = c.Type(bool, default=True)
    """Generate the "Review status" page for editors (left out of the navigation)."""
    review_url = c.Type(str, default="review")
    """Folder of the site that holds the "Review status" page."""
    labels = c.Type(dict, default={})
    """Overrides for any text the plugin prints, by label key (see the docs for the list)."""
    language = c.Optional(c.Type(str))
    """Language of labels and dates; defaults to Material's ``theme.language``."""
    seo = c.Type(bool, default=True)
    """Add schema.org JSON-LD, Open Graph and Twitter tags to generated pages (those no other plugin adds)."""
    feed = c.Type(bool, default=True)
    """Write an Atom feed of recently reviewed profiles, ``feed.xml`` beside the directory."""
    feed_max = c.Type(int, default=50)
    """How many profiles the feed holds at most, most recently reviewed first."""
    json = c.Type(bool, default=True)
    """Write ``profiles.json`` beside the directory: every published profile in the profile format."""
    parallel = c.Choice(("auto", True, False), default="auto")
    """Render generated pages in a second process while MkDocs builds: ``auto`` does so for sites of 5,000
    profiles or more on a machine with two or more CPUs; ``true`` always, ``false`` never."""
