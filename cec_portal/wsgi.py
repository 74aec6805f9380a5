import os

from django.core.wsgi import get_wsgi_application

from cec_portal.collector import tune_collector

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cec_portal.settings")
application = get_wsgi_application()
tune_collector()  # once the app is loaded (cec_portal/collector.py)
