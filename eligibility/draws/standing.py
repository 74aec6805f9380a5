"""Reads of the draw history: where a CRS score stands against the rounds and the pool.

Rounds are reference data (``import_rounds``), like the NOC catalogue; the case and the result
pages read them from here.
"""

from dataclasses import dataclass

from eligibility.models import Round, RoundCategory

# IRCC's pool distribution: the leaf ranges (dd3 and dd9 are subtotals, dd18 the total).
BANDS: tuple[tuple[str, int, int], ...] = (
    ("dd1", 601, 1200), ("dd2", 501, 600),
    ("dd4", 491, 500), ("dd5", 481, 490), ("dd6", 471, 480), ("dd7", 461, 470),
    ("dd8", 451, 460),
    ("dd10", 441, 450), ("dd11", 431, 440), ("dd12", 421, 430), ("dd13", 411, 420),
    ("dd14", 401, 410),
    ("dd15", 351, 400), ("dd16", 301, 350), ("dd17", 0, 300),
)


@dataclass(frozen=True)
class PoolPlace:
    round: Round
    low: int
    high: int
    in_band: int
    above: int
    total: int


@dataclass(frozen=True)
class Standing:
    crs: int | None
    last_cec: Round | None
    last_all_programs: Round | None
    pool: PoolPlace | None

    @staticmethod
    def _reaches(crs: int | None, last: Round | None) -> bool:
        return crs is not None and last is not None and crs >= last.crs_cutoff

    @property
    def reaches_last_cec(self) -> bool:
        """The score is at least the lowest one invited in the last CEC-only round."""
        return self._reaches(self.crs, self.last_cec)

    @property
    def reaches_last_all_programs(self) -> bool:
        """The score is at least the lowest one invited in the last all-program round."""
        return self._reaches(self.crs, self.last_all_programs)


def pool_place(*, crs: int, distribution_round: Round) -> PoolPlace | None:
    counts = distribution_round.distribution or {}
    for key, low, high in BANDS:
        if low <= crs <= high:
            above = sum(counts.get(other, 0) for other, other_low, _h in BANDS if other_low > high)
            return PoolPlace(
                round=distribution_round, low=low, high=high, in_band=counts.get(key, 0),
                above=above, total=counts.get("dd18", 0),
            )
    return None


def standing_for(*, crs: int | None) -> Standing:
    """The person's CRS against the last CEC-only and all-program cut-offs and the latest
    published pool distribution."""
    last_cec = Round.objects.filter(category=RoundCategory.CEC).first()
    last_all = Round.objects.filter(category=RoundCategory.ALL_PROGRAMS).first()
    latest = Round.objects.filter(distribution__isnull=False).first()
    place = pool_place(crs=crs, distribution_round=latest) if crs is not None and latest else None
    return Standing(
        crs=crs,
        last_cec=last_cec,
        last_all_programs=last_all,
        pool=place,
    )
