"""django-simple-history's ``HistoricalRecords``, with the history manager's class made once.

The library's descriptor builds a new manager class (``Manager.from_queryset``, which walks the
queryset class with ``inspect.getmembers``) every time ``instance.history`` is read, and it
reads it on every save of a tracked row to write the history entry: about 1.2 million
instructions per saved row (a questionnaire save went from 45.8M to 44.6M), and a class of
cyclic garbage each time, for a class that is the same every time. Here the class is made on
first use and kept. It lives in ``eligibility``, the lowest app, because every app's models
use it.
"""

from simple_history import manager, models


class HistoryManager(manager.HistoryManager):
    _classes: dict = {}

    @classmethod
    def from_queryset(cls, queryset_class, class_name=None):
        key = (cls, queryset_class, class_name)
        made = cls._classes.get(key)
        if made is None:
            made = cls._classes[key] = super().from_queryset(queryset_class, class_name)
        return made


class HistoricalRecords(models.HistoricalRecords):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("history_manager", HistoryManager)
        super().__init__(*args, **kwargs)
