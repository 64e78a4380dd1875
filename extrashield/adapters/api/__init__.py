"""The HTTP API (FastAPI): `extrashield.adapters.api.app.create_app(database_url=None)` builds it;
`extrashield serve` runs it. Contract: DESIGN.md §6; reference: docs/api.md."""
