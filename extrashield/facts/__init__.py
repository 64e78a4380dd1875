"""The case format (docs/contract.md §3): validation, the JSON reader, dates, countries and what-if hypotheses. Pure."""
