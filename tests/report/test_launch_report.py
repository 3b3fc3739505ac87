"""The launch in the run's report: its figure (loads and ground track) and the launch's figures
beside the published ones with their basis."""
from pathlib import Path

from farside.mission import outputs, sequencer
from farside.mission.scenario import load_scenario
from farside.report.launch_plot import write_launch_figure
from farside.report.mission_report import write_report

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "change6_launch.yaml"


def test_the_report_shows_the_launch_figure_and_its_published_rows(tmp_path):
    result = sequencer.run(load_scenario(SCENARIO))
    outputs.write_all(result, tmp_path)
    write_launch_figure(result.launches["launch"], tmp_path / "launch.png", "launch")
    html = write_report(tmp_path).read_text()
    assert 'id="figure-launch"' in html and "data:image/png;base64,iVBOR" in html
    table = html[html.index('id="published-figures"'):]
    table = table[:table.index("</table>")]
    assert "booster separation" in table and "173 to 180 s" in table and ">prediction<" in table
    assert ">input<" in table      # the payload mass, which the scenario states
