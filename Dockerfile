# The decision aid as one stateless container. Build: docker build -t backpain-aid .
# Run: docker run --rm -p 8501:8501 backpain-aid    (see docs/deploy.md)
FROM python:3.11-slim

# No bytecode or pip cache on disk at run time; logs go straight to the container's output.
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt

# The code and data belong to root and are read-only for the user that runs the app.
COPY . .
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin aid
USER aid

EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]

# Refuse to start on broken data: the check names each file, row and field that is wrong.
CMD ["sh", "-c", "python -m backpain_aid.check_data && exec streamlit run app.py --server.port=8501 --server.address=0.0.0.0"]
