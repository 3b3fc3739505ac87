"""The files of a mission run written for people, beside the data files of
:func:`farside.mission.outputs.write_all`: ``timeline.md`` and a figure per launch and per entry
phase (``<phase>.png``). The payloads' figures: :mod:`farside.report.payload_figures`."""
from pathlib import Path

from farside.report.entry_plot import write_entry_figure
from farside.report.launch_plot import write_launch_figure
from farside.report.timeline import write_timeline


def write_timeline_and_figures(result, folder) -> list:
    """``timeline.md`` and the figure of each launch and entry phase of ``result`` into ``folder``;
    returns their paths."""
    return write_timeline_and_launch_figures(result, folder) + write_entry_figures(result, folder)


def write_timeline_and_launch_figures(result, folder) -> list:
    """``timeline.md`` and the figure of each launch phase of ``result``; returns their paths."""
    folder = Path(folder)
    paths = [write_timeline(result, folder)]
    for phase, loads in result.launches.items():
        paths.append(write_launch_figure(loads, folder / f"{phase.replace(' ', '_')}.png", phase))
    return paths


def write_entry_figures(result, folder) -> list:
    """The figure of each entry phase of ``result``; returns their paths."""
    return [write_entry_figure(flown, Path(folder) / f"{phase.replace(' ', '_')}.png", phase)
            for phase, flown in result.entries.items()]
