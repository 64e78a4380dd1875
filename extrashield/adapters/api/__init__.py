"""The HTTP API (FastAPI): `extrashield.adapters.api.app.create_app(database_url=None)` builds it;
`extrashield serve` runs it. Contract: docs/contract.md §6; reference: docs/api.md."""
