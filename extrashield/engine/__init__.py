"""The rule language and everything that runs it: three-valued logic, expressions, generated code, the
explaining evaluator, the timeline, and (in `vector/`) the batch engine over columns. Pure: no web,
command-line or storage library.
"""
