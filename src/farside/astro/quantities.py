"""Numbers at the public API: an SI float (or array), or an astropy ``Quantity`` converted to the
SI unit the argument's name states (``r_m`` in m, ``v_m_s`` in m/s, ``mass_kg`` in kg, seconds).
A Quantity of another dimension is refused, naming the argument. astropy is imported only when a
Quantity arrives."""
from farside.errors import FarsideValueError


def is_quantity(value) -> bool:
    return type(value).__module__.startswith("astropy.units") and hasattr(value, "to_value")


def to_si(value, unit: str, argument: str):
    """``value`` in ``unit`` (an astropy unit string such as ``"m"``, ``"m/s"``, ``"kg"``,
    ``"s"``): a Quantity converted, anything else returned as it is."""
    if not is_quantity(value):
        return value
    from astropy import units as u
    try:
        return value.to_value(u.Unit(unit))
    except u.UnitConversionError:
        raise FarsideValueError(argument, str(value), f"a number in {unit} or a Quantity convertible to {unit}") \
            from None
