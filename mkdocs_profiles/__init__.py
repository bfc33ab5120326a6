"""mkdocs-profiles: structured profile files become a profile site inside Material for MkDocs.

The package is a pure core (load -> validate -> model -> relate -> plan pages -> render) that imports
no MkDocs, and a thin MkDocs adapter in :mod:`mkdocs_profiles.plugin`.
"""

__version__ = "0.1.0"
