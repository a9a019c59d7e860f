# The dashboard's app: gunicorn with threaded workers and request limits (gunicorn.conf.py). In
# production put nginx in front (deploy/docker-compose.yml, deploy/nginx/regstats.conf): exposed
# alone, twelve slow clients hold gunicorn's threads (bench/bench_slowloris.py).
# Build: docker build -t regstats .    Run: docker run -p 8050:8050 -v regstats-data:/data regstats
# The analyst's store is the volume /data (REGSTATS_DATA_DIR); without it the bundled sample is shown.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    REGSTATS_DATA_DIR=/data REGSTATS_SAMPLE_DIR=/app/data

WORKDIR /app
COPY pyproject.toml README.md requirements.lock ./
COPY src ./src
RUN pip install -c requirements.lock .
COPY app.py gunicorn.conf.py ./
COPY data ./data

RUN useradd --create-home regstats && mkdir -p /data && chown regstats /data
USER regstats
VOLUME ["/data"]
EXPOSE 8050
# start-period: the app warms every page for every county before it answers (REGSTATS_WARM, ~20 s).
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8050/health', timeout=4)"
CMD ["gunicorn", "-c", "gunicorn.conf.py", "app:server"]
