"""Web pages for lawyers and researchers (server-rendered, no network needed): the guided interview,
the decision with the statute beside it, timelines and figures as pictures, the law browser and the
registry. `routes.install(app)` mounts them on the API's app (`extrashield.adapters.api.app.create_app`);
every page has a JSON twin (`?format=json`)."""
