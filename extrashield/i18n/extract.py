"""A Babel extractor for law data: the question of each reading (`readings.<key>.question` in
extrashield/law/**.yaml), which answers carry as an open legal question."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml


def law_readings(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """(line, function, message, comments) for each reading's question, as Babel's extractors yield them."""
    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root)


def _walk(node: yaml.Node | None) -> Iterator[tuple[int, str | None, str, list[str]]]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == "readings" and isinstance(value, yaml.MappingNode):
                for reading, body in value.value:
                    for field, text in body.value if isinstance(body, yaml.MappingNode) else ():
                        if field.value == "question" and isinstance(text, yaml.ScalarNode):
                            yield text.start_mark.line + 1, None, text.value, [f"reading {reading.value}"]
            else:
                yield from _walk(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item)


def cli_help(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Any
) -> Iterator[tuple[Any, ...]]:
    """The file's own marked texts (as the Python extractor finds them), then every help text of the
    command line: commands' docstrings and options' help, read from the Click tree that Typer builds
    (what `extrashield --help` shows, and adapters/cli/help.py translates); then Click's and Typer's own
    words (Usage:, Missing argument…), read from their modules as adapters/cli/language.py routes them."""
    import warnings

    from babel.messages.extract import extract_python

    with (
        warnings.catch_warnings()
    ):  # Typer 0.16 imports a name Click 8.2+ deprecates (tests make it an error)
        warnings.filterwarnings("ignore", r"'click\.utils\.get_\w+_stream' is deprecated", DeprecationWarning)
        from extrashield.adapters.cli.help import help_texts
        from extrashield.adapters.cli.language import module_files
        from extrashield.adapters.cli.main import root_command

    yield from extract_python(fileobj, keywords, comment_tags, options)
    for text, where in help_texts(root_command()):
        yield 1, None, text, [f"help of {where}"]
    for module, path in module_files():
        with path.open("rb") as fh:
            for _line, function, message, _comments in extract_python(fh, keywords, (), options):
                yield 1, function, message, [f"the words of {module}"]
