"""The floor: what any signature costs on this stack, measured beside the bare view
(bench/run.py). The project's own settings and middleware, a django-ninja endpoint taking
the API's `SignIn` payload, and one ORM INSERT of a signature row: no form, eligibility,
rate limit or cache. The gap from the bare view to this is the framework's share
(middleware, ninja, the ORM); the gap from this to the sign API is the app's own rules.

    DATABASE_URL=... gunicorn bench.floor.app:application
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ["DJANGO_SETTINGS_MODULE"] = "bench.floor.settings"
application = get_wsgi_application()
