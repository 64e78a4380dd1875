"""Babel extractors: the law data's English texts for people (`law_texts`) and the command line's help
(`cli_help`)."""

from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from typing import IO, Any

import yaml

Message = tuple[int, str | None, str, list[str]]


def law_texts(
    fileobj: IO[bytes], keywords: Mapping[str, Any], comment_tags: Collection[str], options: Mapping[str, Any]
) -> Iterator[Message]:
    """(line, function, message, comments) for each text of a law or research data file that people read,
    as Babel's extractors yield them. Which texts: the option `texts` of the file's section in babel.cfg,
    key paths separated by spaces, each matching the end of a text's path of mapping keys (`*` any key;
    list items add no key): `readings.*.question` is every reading's question, `summary_en` every
    `summary_en` at any depth. The data files keep English only; the translations are in the catalogue."""
    patterns = [tuple(p.split(".")) for p in str(options.get("texts", "")).split()]
    if not patterns:
        raise ValueError("babel.cfg: a law_texts section needs `texts = <key paths>`")
    root = yaml.compose(fileobj.read().decode("utf-8"))
    yield from _walk(root, (), patterns)


def _matches(path: tuple[str, ...], pattern: tuple[str, ...]) -> bool:
    tail = path[-len(pattern) :]
    return len(tail) == len(pattern) and all(p in ("*", k) for p, k in zip(pattern, tail, strict=True))


def _walk(
    node: yaml.Node | None, path: tuple[str, ...], patterns: list[tuple[str, ...]]
) -> Iterator[Message]:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            yield from _walk(value, (*path, str(key.value)), patterns)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            yield from _walk(item, path, patterns)
    elif (
        isinstance(node, yaml.ScalarNode)
        and node.tag == "tag:yaml.org,2002:str"
        and node.value.strip()
        and any(_matches(path, p) for p in patterns)
    ):
        yield node.start_mark.line + 1, None, node.value, [".".join(path)]


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
