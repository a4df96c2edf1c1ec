"""Sunrise and sunset from the city's place on the globe and the date: the sunrise equation, offline.

The NOAA form of the sunrise equation (solar mean anomaly, equation of the centre, ecliptic longitude, declination,
hour angle at -0.833 degrees for refraction and the sun's radius) is good to a minute or two away from the poles,
which is how a speaker says a time anyway. Near the poles the sun may not rise or set at all on a day: None then.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Literal
from zoneinfo import ZoneInfo

from assistant.router.services.spoken_values import spoken_clock, spoken_duration

#: Julian date of 2000-01-01 12:00 UTC, the epoch the equation counts days from.
J2000 = 2451545.0
_EPOCH = datetime(2000, 1, 1, 12, tzinfo=timezone.utc)
_OBLIQUITY = math.radians(23.4397)
_HORIZON = math.radians(-0.833)


@dataclass(frozen=True)
class SunTimes:
    rise: datetime | None
    """UTC; None when the sun does not rise or set that day."""
    set: datetime | None
    always: Literal["up", "down"] | None = None
    """For a day without a sunrise and sunset: the sun stays up (midnight sun) or down (polar night)."""


def sun_times(day: date, latitude: float, longitude: float) -> SunTimes:
    """Sunrise and sunset on ``day`` (the local calendar day at ``longitude``), in UTC."""
    n = (day - date(2000, 1, 1)).days
    mean_noon = n - longitude / 360.0
    anomaly = math.radians((357.5291 + 0.98560028 * mean_noon) % 360.0)
    centre = 1.9148 * math.sin(anomaly) + 0.02 * math.sin(2 * anomaly) + 0.0003 * math.sin(3 * anomaly)
    ecliptic = math.radians((math.degrees(anomaly) + centre + 180.0 + 102.9372) % 360.0)
    transit = J2000 + mean_noon + 0.0053 * math.sin(anomaly) - 0.0069 * math.sin(2 * ecliptic)
    declination = math.asin(math.sin(ecliptic) * math.sin(_OBLIQUITY))
    phi = math.radians(latitude)
    cos_hour = (math.sin(_HORIZON) - math.sin(phi) * math.sin(declination)) / (math.cos(phi) * math.cos(declination))
    if cos_hour < -1:
        return SunTimes(None, None, "up")
    if cos_hour > 1:
        return SunTimes(None, None, "down")
    half_day = math.degrees(math.acos(cos_hour)) / 360.0
    return SunTimes(_moment(transit - half_day), _moment(transit + half_day))


def _moment(julian: float) -> datetime:
    return _EPOCH + timedelta(days=julian - J2000)


def sun_answer(times: SunTimes, zone: ZoneInfo, words: str) -> str:
    """What to say after "In Paris today, ": the sunrise, the sunset, or both and the day's length, as asked."""
    if times.rise is None or times.set is None:
        return "the sun stays up all day." if times.always == "up" else "the sun doesn't rise at all."
    rise, sets = spoken_clock(times.rise.astimezone(zone)), spoken_clock(times.set.astimezone(zone))
    asked = words.lower()
    if any(w in asked for w in ("how long", "daylight", "length")):
        length = spoken_duration(round((times.set - times.rise).total_seconds() / 60) * 60)
        return f"the sun rises at {rise} and sets at {sets}: {length} of daylight."
    setting = any(w in asked for w in ("set", "go down", "goes down", "dark", "dusk"))
    rising = any(w in asked for w in ("rise", "come up", "comes up", "light", "dawn"))
    if setting and not rising:
        return f"the sun sets at {sets}."
    if rising and not setting:
        return f"the sun rises at {rise}."
    return f"the sun rises at {rise} and sets at {sets}."
