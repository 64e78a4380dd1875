"""Python source written line by line, then compiled into one function: the generated code of the rules
(`codegen`), of the explained answer (`answer`) and of the case checks (`case`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class PySource:
    """Lines of a function body, and the objects they name (`consts`, the function's globals)."""

    def __init__(self, consts: Mapping[str, Any]) -> None:
        self.lines: list[str] = []
        self.consts: dict[str, Any] = dict(consts)
        self.n = 0

    def var(self, prefix: str = "v") -> str:
        self.n += 1
        return f"{prefix}{self.n}"

    def const(self, obj: Any) -> str:
        name = f"k{len(self.consts)}"
        self.consts[name] = obj
        return name

    def put(self, depth: int, line: str) -> None:
        self.lines.append("    " * depth + line)

    def define(self, header: str, footer: str, filename: str) -> Any:
        """The function `header` (e.g. "def f(x):") with the lines written and `footer` as its body; it
        keeps its source in `.source`, for debugging."""
        source = header + "\n" + "\n".join(self.lines) + "\n" + footer
        namespace = dict(self.consts)
        exec(compile(source, filename, "exec"), namespace)
        fn = namespace[header.split()[1].split("(")[0]]
        fn.source = source
        return fn
