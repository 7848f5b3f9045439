# The dashboard's image: one Streamlit process per container, the registry and boundary data baked in.
#   docker build -t pilot-zones-map .  &&  docker run -p 8501:8501 pilot-zones-map
# For several replicas behind a sticky load balancer see deploy/compose.yaml and deploy/kubernetes.yaml.
# Not built on the project's machine (it has no container engine): tests/test_deploy.py lints it with
# hadolint and checks its base image, user, port, health check and command.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Chinese text on the slide image needs a CJK font (geo/fonts.py); the version is Debian 12's.
RUN apt-get update \
    && apt-get install -y --no-install-recommends fonts-noto-cjk=1:20220127+repack1-1 \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt ./
RUN pip install --no-cache-dir -r requirements.txt

# Code and data stay owned by root and read-only to the app's user.
COPY .streamlit/ .streamlit/
COPY app.py pyproject.toml LICENSE ./
COPY geo/ geo/
COPY views/ views/
COPY data/ data/
COPY static/ static/

RUN useradd --uid 10001 --user-group --create-home --shell /usr/sbin/nologin app
USER 10001:10001

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request as u; u.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
CMD ["streamlit", "run", "app.py", "--server.address", "0.0.0.0", "--server.port", "8501"]
