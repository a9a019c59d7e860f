"""Production settings for the dashboard: `gunicorn -c gunicorn.conf.py app:server`.

Threaded workers (gthread): a slow or half-open client holds one thread, not a whole worker, so
it cannot starve the others; requests and headers are bounded; a worker that hangs is restarted.
Behind a buffering proxy (nginx, a cloud load balancer) slow clients never reach the app at all.
"""

import os

bind = os.environ.get("REGSTATS_BIND", "0.0.0.0:8050")
workers = int(os.environ.get("REGSTATS_WORKERS", "2"))
worker_class = "gthread"
threads = int(os.environ.get("REGSTATS_THREADS", "8"))
timeout = 30  # a request that takes longer is a hung worker: restart it
graceful_timeout = 20
keepalive = 5  # idle keep-alive connections give their thread back after 5 s
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
max_requests = 2000  # recycle workers now and then: bounded memory over weeks
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"

# Load the app once in the master and warm it there (compressed static files, every page's default
# view for every county; regstats.app.warm), so the forked workers share it and the first visitors
# and county changes are answered from memory. REGSTATS_WARM=none starts at once, cold.
preload_app = True


def when_ready(server):
    import app as dashboard  # the module gunicorn preloaded
    from regstats.app.warm import warm

    warm(dashboard.app)
