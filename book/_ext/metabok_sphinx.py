"""Sphinx hooks of META-boken: keep every page self-contained.

jupyter-book 1.x always loads sphinx-thebe, whose inline configuration names a CDN
(and is added twice); the book never launches live code, so those scripts are dropped.
"""

THEBE_MARKERS = ("thebe",)


def _is_thebe(script) -> bool:
    filename = str(getattr(script, "filename", script) or "")
    body = str(getattr(script, "attributes", {}).get("body", ""))
    return any(m in filename.lower() or m in body.lower() for m in THEBE_MARKERS)


def drop_thebe(app, pagename, templatename, context, doctree) -> None:
    if "script_files" in context:
        context["script_files"] = [s for s in context["script_files"] if not _is_thebe(s)]
    if "css_files" in context:
        context["css_files"] = [
            c for c in context["css_files"] if "thebe" not in str(getattr(c, "filename", c))
        ]


def setup(app):
    app.connect("html-page-context", drop_thebe, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
