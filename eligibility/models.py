"""The NOC 2021 V1.0 catalogue (Statistics Canada, Open Government Licence – Canada).

The hierarchy's upper four levels are ``NocClass`` rows; the 516 unit groups, which are what an
applicant's job is coded to, are ``UnitGroup`` rows with their main duties and example titles.
Codes are strings because leading zeros matter (``00010``).

Every model keeps its history (django-simple-history) so that staff edits say who, when and
what, and an earlier version can be restored. ``staff_edited`` tells the importer to leave a
record alone on the next import unless it is asked to overwrite edits.
"""

from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eligibility.history import HistoricalRecords

code_validator = RegexValidator(r"^[0-9]{1,5}$", _("A NOC code is one to five digits."))
unit_group_code_validator = RegexValidator(
    r"^[0-9]{5}$", _("A NOC unit group code is exactly five digits.")
)


class NocLevel(models.IntegerChoices):
    BROAD_CATEGORY = 1, _("Broad category")
    MAJOR_GROUP = 2, _("Major group")
    SUB_MAJOR_GROUP = 3, _("Sub-major group")
    MINOR_GROUP = 4, _("Minor group")
    UNIT_GROUP = 5, _("Unit group")


class Teer(models.IntegerChoices):
    TEER_0 = 0, _("TEER 0 – management")
    TEER_1 = 1, _("TEER 1 – university degree")
    TEER_2 = 2, _("TEER 2 – college diploma or apprenticeship of two years or more")
    TEER_3 = 3, _("TEER 3 – college diploma or apprenticeship of less than two years")
    TEER_4 = 4, _("TEER 4 – high school diploma")
    TEER_5 = 5, _("TEER 5 – short work demonstration")


class NocClass(models.Model):
    """A broad category, major, sub-major or minor group (levels 1–4)."""

    code = models.CharField(_("code"), max_length=4, unique=True, validators=[code_validator])
    level = models.PositiveSmallIntegerField(_("level"), choices=NocLevel.choices)
    title = models.CharField(_("title"), max_length=255)
    definition = models.TextField(_("definition"))
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    staff_edited = models.BooleanField(
        _("edited by staff"),
        default=False,
        editable=False,
        help_text=_("Kept as it is by the next import unless it is told to overwrite edits."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("NOC class")
        verbose_name_plural = _("NOC classes")
        ordering = ("code",)
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="nocclass_level_1_to_4"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class UnitGroup(models.Model):
    """A NOC 2021 unit group: the five-digit occupation a job is coded to."""

    code = models.CharField(
        _("code"), max_length=5, unique=True, validators=[unit_group_code_validator]
    )
    title = models.CharField(_("title"), max_length=255)
    # Statistics Canada's French title and French example titles (the CNP 2021); the lead
    # statement, duties and other elements exist here in English only.
    title_fr = models.CharField(_("title in French"), max_length=255, blank=True)
    example_titles_fr = models.TextField(
        _("example titles in French"), blank=True, help_text=_("One title a line.")
    )
    lead_statement = models.TextField(_("lead statement"))
    teer = models.PositiveSmallIntegerField(
        _("TEER"), choices=Teer.choices, validators=[MaxValueValidator(5)]
    )
    minor_group = models.ForeignKey(
        NocClass,
        verbose_name=_("minor group"),
        on_delete=models.PROTECT,
        related_name="unit_groups",
        limit_choices_to={"level": NocLevel.MINOR_GROUP},
    )
    employment_requirements = models.TextField(_("employment requirements"), blank=True)
    inclusions = models.TextField(_("inclusions"), blank=True)
    exclusions = models.TextField(_("exclusions"), blank=True)
    additional_information = models.TextField(_("additional information"), blank=True)
    # Pre-folded (unaccented, lower-case, punctuation as spaces, padded with spaces) copies of
    # the title and the example titles, so that search is the same plain LIKE on SQLite and
    # PostgreSQL. Filled by eligibility.noc.services.unit_group_refresh_search_text.
    search_title = models.TextField(
        editable=False, default="", verbose_name=_("title (for search)")
    )
    search_examples = models.TextField(
        editable=False, default="", verbose_name=_("example titles (for search)")
    )
    staff_edited = models.BooleanField(
        _("edited by staff"),
        default=False,
        editable=False,
        help_text=_("Kept as it is by the next import unless it is told to overwrite edits."),
    )
    history = HistoricalRecords(excluded_fields=["search_title", "search_examples"])

    class Meta:
        verbose_name = _("unit group")
        verbose_name_plural = _("unit groups")
        ordering = ("code",)
        constraints = [
            models.CheckConstraint(condition=models.Q(teer__lte=5), name="unitgroup_teer_0_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    @property
    def display_title(self) -> str:
        """The title in the active language: French when French is active and known."""
        return french_or_english(self.title, self.title_fr)

    @property
    def french_example_titles(self) -> list[str]:
        """The French example titles, when French is active ([] otherwise, or if none)."""
        if not reading_french() or not self.example_titles_fr:
            return []
        return [line for line in self.example_titles_fr.splitlines() if line.strip()]


def reading_french() -> bool:
    return (get_language() or "").split("-")[0] == "fr"


def french_or_english(english: str, french: str) -> str:
    """``french`` when French is active and there is one; ``english`` otherwise."""
    return french if french and reading_french() else english


class MainDuty(models.Model):
    """One of a unit group's main duties, in the order the NOC lists them.

    Unit groups that cover several occupations (31301 nurses, for example) have sub-headings
    among their duties; those rows are kept in place with ``is_heading`` set.
    """

    unit_group = models.ForeignKey(
        UnitGroup, verbose_name=_("unit group"), on_delete=models.CASCADE, related_name="duties"
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    text = models.TextField(_("text"))
    is_heading = models.BooleanField(
        _("sub-occupation heading"),
        default=False,
        help_text=_("A heading naming the sub-occupation whose duties follow, not a duty."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("main duty")
        verbose_name_plural = _("main duties")
        ordering = ("unit_group", "position", "id")

    def __str__(self) -> str:
        return self.text


class ExampleTitle(models.Model):
    """A job title the NOC gives as an example of a unit group."""

    unit_group = models.ForeignKey(
        UnitGroup,
        verbose_name=_("unit group"),
        on_delete=models.CASCADE,
        related_name="example_titles",
    )
    title = models.CharField(_("title"), max_length=255)
    illustrative = models.BooleanField(
        _("illustrative example"),
        default=False,
        help_text=_("One of the few examples the NOC shows first for this unit group."),
    )
    # The padded, folded title (see UnitGroup.search_title), to say which example matched.
    search_title = models.CharField(
        max_length=300, editable=False, default="", verbose_name=_("title (for search)")
    )
    history = HistoricalRecords(excluded_fields=["search_title"])

    class Meta:
        verbose_name = _("example title")
        verbose_name_plural = _("example titles")
        ordering = ("unit_group", "title")
        constraints = [
            models.UniqueConstraint(
                fields=("unit_group", "title"), name="exampletitle_unique_per_unit_group"
            ),
        ]

    def __str__(self) -> str:
        return self.title


# ----- Express Entry rounds: reference data, like the catalogue -------------------------


class RoundCategory(models.TextChoices):
    """The type of a round: the program or category it invites, from IRCC's round name by the
    keywords of ``eligibility.draws.rounds.ROUND_NAME_KEYWORDS`` (the wording changes over the
    years). A name no keyword matches is ``UNCLASSIFIED``: kept and listed, never dropped."""

    ALL_PROGRAMS = "all_programs", _("All programs")
    CEC = "cec", _("Canadian Experience Class")
    PNP = "pnp", _("Provincial Nominee Program")
    FSW = "fsw", _("Federal Skilled Worker")
    FST = "fst", _("Federal Skilled Trades")
    FRENCH = "french", _("French-language proficiency")
    HEALTHCARE = "healthcare", _("Healthcare and social services")
    TRADES = "trades", _("Trade occupations")
    STEM = "stem", _("STEM occupations")
    TRANSPORT = "transport", _("Transport occupations")
    AGRICULTURE = "agriculture", _("Agriculture and agri-food")
    EDUCATION = "education", _("Education occupations")
    SENIOR_MANAGERS = "senior_managers", _("Senior managers")
    PHYSICIANS = "physicians", _("Physicians")
    RESEARCHERS = "researchers", _("Researchers")
    MILITARY = "military", _("Skilled military recruits")
    UNCLASSIFIED = "unclassified", _("Unclassified")


class Round(models.Model):
    """One Express Entry round of invitations, from IRCC's rounds JSON (``import_rounds``)."""

    number = models.CharField(_("round"), max_length=8, unique=True)  # "91a" exists
    sequence = models.PositiveIntegerField(
        verbose_name=_("order")
    )  # the numeric part, for ordering
    drawn_on = models.DateField(_("date"))
    name = models.CharField(_("round type"), max_length=120)
    category = models.CharField(
        max_length=20, choices=RoundCategory.choices, verbose_name=_("category")
    )
    programs = models.CharField(max_length=200, blank=True, verbose_name=_("programs"))
    size = models.PositiveIntegerField(_("invitations"))
    crs_cutoff = models.PositiveSmallIntegerField(_("lowest CRS invited"))
    drawn_at_text = models.CharField(
        max_length=80, blank=True, verbose_name=_("draw date and time (as published)")
    )
    tie_break_text = models.CharField(
        max_length=80, blank=True, verbose_name=_("tie-breaking rule (as published)")
    )
    tie_break_at = models.DateTimeField(null=True, blank=True, verbose_name=_("tie-breaking time"))
    distribution_on = models.DateField(
        null=True, blank=True, verbose_name=_("CRS distribution date")
    )
    # {"dd1": 500, …, "dd18": 229100}; null when IRCC published only zeros.
    distribution = models.JSONField(null=True, blank=True, verbose_name=_("CRS distribution"))
    # When the row was last written (every import rewrites it): with the count of rows, the
    # stamp that tells a cached chances table it is out of date (``draws.chances``).
    changed_at = models.DateTimeField(auto_now=True, editable=False)

    class Meta:
        verbose_name = _("round of invitations")
        verbose_name_plural = _("rounds of invitations")
        db_table = "profiles_round"
        ordering = ["-drawn_on", "-sequence", "-number"]
        indexes = [models.Index(fields=["category", "drawn_on"])]

    def __str__(self) -> str:
        return f"#{self.number} {self.drawn_on:%Y-%m-%d} {self.name}"
