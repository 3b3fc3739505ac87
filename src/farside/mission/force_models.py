"""Force models of a scenario, one per central body, built once from ``force_models`` and reused
by every phase flown about that body. The spacecraft's radiation-pressure area is the scenario's;
its mass comes from the state at each propagation. The models of the last few distinct
``force_models`` blocks are kept in the process: a corrector's trials and a campaign's samples
that do not change them reuse them (nothing in a model changes once built)."""
import json
import os
from collections import OrderedDict

from farside.dynamics import gravity_field
from farside.dynamics.force_model import ForceModel
from farside.dynamics.forces import SolarRadiationPressure, SphericalHarmonics, ThirdBodies
from farside.errors import FarsideValueError, ScenarioError


_BUILT = OrderedDict()
_KEEP = 8


def build(scenario) -> dict:
    """``{body name: ForceModel}`` for every entry of ``scenario.force_models``."""
    specs = {center: spec.model_dump(mode="json") for center, spec in scenario.force_models.items()}
    key = (json.dumps(specs, sort_keys=True), os.getcwd())   # a relative field path is read from the cwd
    if key not in _BUILT:
        _BUILT[key] = _build(scenario)
        while len(_BUILT) > _KEEP:
            _BUILT.popitem(last=False)
    _BUILT.move_to_end(key)
    return dict(_BUILT[key])


def _build(scenario) -> dict:
    models = {}
    for center, spec in scenario.force_models.items():
        path = f"force_models.{center}"
        terms = []
        if spec.gravity is not None:
            try:
                field = gravity_field.load(spec.gravity.field, spec.gravity.degree)
            except FarsideValueError as error:
                raise ScenarioError(f"{path}.gravity.{_field_name(error.argument)}", error.value,
                                    error.allowed) from None
            terms.append(SphericalHarmonics(field, spec.gravity.frame))
        if spec.third_bodies:
            terms.append(ThirdBodies(tuple(spec.third_bodies)))
        if spec.srp is not None:
            terms.append(SolarRadiationPressure(spec.srp.cr, spec.srp.area_m2))
        try:
            models[center] = ForceModel(center, terms)
        except FarsideValueError as error:
            raise ScenarioError(path, error.value, error.allowed) from None
    return models


def _field_name(argument):
    return "degree" if argument == "degree" else "field"
