"""One digest for everything an answer rests on: `law_digest` in every answer and stored decision.

An answer rests on more than the provisions: treaty collisions read the treaties, the state profiles read
the states and treaties, the recruitment answers read the blacklist and the figures, and the law views read
the legislative history. So the digest covers every file under `law/` (provisions, their index, the bills'
histories) and under `data/` (treaties, states, figures, the recruitment blacklist, and any file added
there later): a change to any of them changes the digest of every answer, and replaying the stored
decisions (adapters/registry/replay.py) says so. The key keeps its name `law_digest`, which the contract
fixes (docs/contract.md §5); "law data" there means both folders.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from extrashield.sources.datafile import DATA_DIR

# The folders hashed, by the name each file is hashed under (`law/ru/uk/78.yaml`, `data/figures.yaml`):
# the same bytes give the same digest wherever the package is installed.
LAW, DATA = "law", "data"


def _files(root: Path, prefix: str) -> list[tuple[str, Path]]:
    # Every file, not only the formats read today: a file an answer or a view reads later is covered
    # without anyone having to remember this list.
    return [(f"{prefix}/{p.relative_to(root).as_posix()}", p) for p in root.rglob("*") if p.is_file()]


def law_digest(law_dir: Path | str, data_dir: Path | str = DATA_DIR) -> str:
    """`sha256:` and the SHA-256 over the name, length and bytes of every file under `law_dir` and
    `data_dir`, in name order."""
    hasher = hashlib.sha256()
    for name, path in sorted(_files(Path(law_dir), LAW) + _files(Path(data_dir), DATA)):
        body = path.read_bytes()
        hasher.update(f"{name}\0{len(body)}\0".encode())
        hasher.update(body)
    return "sha256:" + hasher.hexdigest()
