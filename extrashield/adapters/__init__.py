"""The ways in and out: the command line, the HTTP API, the web pages and the registry (storage)."""
