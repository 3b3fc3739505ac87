"""``timeline.md``: a run's event timeline (UTC), burns, total delta-v, propellant left, the
figures of each guided phase, the side-by-side tables against the published figures (each row's
basis: input, target with its residual, or prediction with its anchor), the predictions alone
and each differential corrector's log, as Markdown from a `farside.mission.result.MissionResult`."""
from farside.astro.time import Epoch
from farside.io.atomic import atomic_write, output_path
from farside.mission import comparison
from farside.report.figure_text import format_figure, published_text, residual_or_anchor, residual_text


def timeline_markdown(result) -> str:
    lines = [f"# {result.name}: timeline", "", "| UTC | phase | stack | event | detail |", "|---|---|---|---|---|"]
    for e in sorted(result.timeline, key=lambda e: e.epoch.tdb_seconds):
        lines.append(f"| {e.epoch.iso('utc', 3)} | {e.phase} | {e.stack} | {e.event} | {e.detail} |")
    lines += ["", "## Burns", "", "| phase | module.engine | start UTC | duration s | delta-v m/s | propellant kg |",
              "|---|---|---|---|---|---|"]
    for b in result.burns:
        lines.append(f"| {b.phase} | {b.module}.{b.engine} | {b.start.iso('utc', 3)} | {b.duration_s:.1f} | "
                     f"{b.delta_v_m_s:.2f} | {b.propellant_kg:.1f} |")
    lines += ["", f"Total delta-v: {result.total_delta_v_m_s:.2f} m/s", "", "## Propellant left", ""]
    lines += [f"- {m}: {kg:.1f} kg" for m, kg in result.propellant_left_kg.items()]
    lines += reports_markdown(result)
    lines += comparison_markdown(result)
    for phase, log in result.targeting_logs.items():
        lines += ["", f"## Targeting: {phase}", ""] + [f"    {line}" for line in log]
    return "\n".join(lines) + "\n"


def comparison_markdown(result) -> list:
    """The side-by-side tables against the scenario's published figures (none without them), each
    row with its basis (input, target with its residual against the goal's tolerance, or
    prediction with its anchor), then the predictions alone."""
    published = result.scenario.published
    if not published.events and not published.orbits and not published.propellant and not published.figures:
        return []
    lines = ["", "## Against the published figures", "",
             "Basis: *input*, the scenario states it; *target*, a corrector's goal or a guidance aim (the residual is "
             "its accuracy, not evidence of the physics); *prediction*, it came out of the flight.", "",
             "| event | published UTC | simulated UTC | difference | basis | residual or anchor | source |",
             "|---|---|---|---|---|---|---|"]
    for row in comparison.event_rows(result, published):
        lines.append(f"| {row.name} | {row.published.iso('utc', 0)} | {row.simulated.iso('utc', 0)} | "
                     f"{row.difference_s / 60.0:+.1f} min | {row.basis.kind} | {residual_or_anchor(row.basis, 's')} | "
                     f"{row.source} |")
    lines += ["", "| after phase | quantity | published | simulated | difference | basis | residual or anchor | source |",
              "|---|---|---|---|---|---|---|---|"]
    for row in comparison.orbit_rows(result, published):
        unit = comparison.ORBIT_UNITS[row.quantity]
        lines.append(f"| {row.phase} | {row.quantity} | {row.published:g} | {row.simulated:.2f} | "
                     f"{row.difference:+.2f} | {row.basis.kind} | {residual_or_anchor(row.basis, unit)} | "
                     f"{row.source} |")
    rows = comparison.propellant_rows(result, published)
    if rows:
        lines += ["", "| propellant | published or estimated kg | simulated kg | difference | basis | source |",
                  "|---|---|---|---|---|---|"]
        lines += [f"| {r.name} | {r.published:.1f} | {r.simulated:.1f} | {r.difference_percent:+.1f} % | "
                  f"{r.basis.kind} | {r.source} |" for r in rows]
    rows = comparison.figure_rows(result, published)
    if rows:
        lines += ["", "| phase | figure | published | simulated | difference | basis | residual | source |",
                  "|---|---|---|---|---|---|---|---|"]
        lines += [f"| {r.phase} | {r.name} | {published_text(r)} | {r.simulated:.4g} {r.unit} | "
                  f"{'' if r.difference is None else f'{r.difference:+.3g}'} | {r.basis.kind} | "
                  f"{residual_text(r.basis, r.unit)} | {r.source} |" for r in rows]
    lines += ["", "### Predictions", "", "| figure | published | simulated | difference | anchor | source |",
              "|---|---|---|---|---|---|"]
    lines += [f"| {p.name} | {_figure(p.published, p.unit)} | {_figure(p.simulated, p.unit)} | "
              f"{_difference(p)} | {p.anchor} | {p.source} |" for p in comparison.predictions(result)]
    return lines


def _figure(value, unit) -> str:
    """A prediction's value: a UTC epoch for epochs (TDB seconds), else the number and unit."""
    return Epoch.from_tdb_seconds(value).iso("utc", 0) if unit == "s" else f"{value:.2f} {unit}"


def _difference(prediction) -> str:
    if prediction.unit == "s":
        return f"{prediction.difference / 60.0:+.1f} min"
    if prediction.unit == "kg":
        return f"{prediction.difference:+.1f} kg ({100.0 * prediction.difference / prediction.published:+.1f} %)"
    return f"{prediction.difference:+.3g} {prediction.unit}"


def reports_markdown(result) -> list:
    """The figures each guided phase reports (descent, stay, ascent, rendezvous, approach)."""
    lines = []
    for phase, figures in result.reports.items():
        lines += ["", f"## {phase}", "", "| figure | value |", "|---|---|"]
        lines += [f"| {name} | {format_figure(value)} |" for name, value in figures.items()]
    return lines


def write_timeline(result, folder):
    """Write ``timeline.md`` into ``folder`` (atomically); returns its path."""
    path = output_path(folder, "timeline.md", "timeline")
    atomic_write(path, lambda h: h.write(timeline_markdown(result)), binary=False)
    return path
