from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProfilesConfig(AppConfig):
    name = "profiles"
    verbose_name = _("Applicants")

    def ready(self) -> None:
        import orjson
        from psycopg.types.json import set_json_loads

        from profiles import roles

        roles.connect()
        # psycopg parses ``json`` columns (profiles.fields.JsonTextField) as it reads them; with
        # orjson rather than the standard library's parser, a 7 kB evaluation in about a
        # third of the time. (Django reads ``jsonb`` as text and parses it itself.)
        set_json_loads(orjson.loads)
