"""The timeline as a picture: the intervals coloured by outcome, with the law's and the facts' events on
one time axis. matplotlib is imported here, inside the function, never at command start-up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .core.timeline import ONE_DAY, Timeline

COLOURS = {"barred": "#c0392b", "may_refuse": "#e67e22", "undetermined": "#95a5a6", "permitted": "#27ae60"}
FORMATS = ("svg", "png")


def _short(pid: str) -> str:
    return pid.removeprefix("ru.")


def draw_timeline(t: Timeline, path: Path) -> None:
    """Write the picture to `path`; the format follows the suffix (.svg or .png)."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise ValueError(f"{path}: expected a .svg or .png file name")
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch

    def num(d: dt.date) -> float:
        return float(mdates.date2num(d))

    fig, ax = plt.subplots(figsize=(12, 3.6))
    for iv in t.intervals:
        x0, x1 = num(iv.start), num(iv.until)
        ax.barh(0, x1 - x0, left=x0, height=0.6, color=COLOURS[iv.outcome], edgecolor="white")
        label = iv.outcome if not iv.applies else iv.outcome + "\n" + "\n".join(_short(p) for p in iv.applies)
        ax.text((x0 + x1) / 2, 0, label, ha="center", va="center", fontsize=7, color="white", clip_on=True)
    for n, ev in enumerate(t.events):
        x = num(ev.day)
        style = {"law": ("#2c3e50", "-"), "law_uncertain": ("#2c3e50", ":"), "fact": ("#8e44ad", "--")}[ev.kind]
        ax.axvline(x, color=style[0], linestyle=style[1], linewidth=1)
        tag = {"law": f"{_short(ev.ref)} ({'ends' if 'stops' in ev.what else 'in force'})",
               "law_uncertain": f"{_short(ev.ref)} (earliest possible)",
               "fact": ev.ref.rsplit(".", 1)[-1]}[ev.kind]
        ax.text(x, 0.45 + 0.12 * (n % 3), f"{ev.day} {tag}", rotation=0, fontsize=6, ha="left", va="bottom",
                color=style[0])
    ax.set_xlim(num(t.start), num(t.until))
    ax.set_ylim(-0.5, 1.0)
    ax.set_yticks([])
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    fig.autofmt_xdate()
    title = f"Extradition from Russia, {t.start} to {t.until - ONE_DAY}" + (f" — {t.case_id}" if t.case_id else "")
    ax.set_title(title, fontsize=9)
    handles = [Patch(color=c, label=o) for o, c in COLOURS.items()]
    ax.legend(handles=handles, loc="upper left", fontsize=6, ncol=4, frameon=False, bbox_to_anchor=(0, -0.35))
    fig.tight_layout()
    fig.savefig(path, format=fmt, dpi=150 if fmt == "png" else None)
    plt.close(fig)
