"""Web pages for lawyers and researchers (server-rendered, no network needed): the guided interview,
the decision with the statute beside it, timelines and figures as pictures, the law browser and the
registry. `install(app)` mounts them on the API's app; every page has a JSON twin (`?format=json`)."""

from extrashield.adapters.web.routes import create_web_app, install, router

__all__ = ["create_web_app", "install", "router"]
