"""The pure core of extrashield: facts, dates, three-valued logic, rule expressions, the evaluator.

Nothing in this package imports a web, command-line or storage library.
"""
