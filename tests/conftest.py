"""Shared fixtures: the real dataset, loaded once per test process; AppTest without a package scan each."""

from __future__ import annotations

import functools

import pytest
from streamlit.components.v2 import manifest_scanner
from streamlit.runtime.media_file_manager import MediaFileManager

from geo.dataset import Dataset
from views.context import cached_dataset

# Every new AppTest scans all installed distributions for Streamlit component manifests before its first
# run (about a second of CPU here, the email parser reading ~100 METADATA files): most of the time of an
# AppTest test. The packages do not change while the tests run, so the scan is done once per process. (A
# Streamlit upgrade that renames the function fails here, loudly, rather than making the tests slow.)
manifest_scanner.scan_component_manifests = functools.cache(manifest_scanner.scan_component_manifests)


@pytest.fixture(scope="session")
def data() -> Dataset:
    """The dataset of data/ as the app loads it, once per test process, for tests that only read it (a test
    that changes the data, or needs an empty memo, loads its own). It is the app's own cached copy, so the
    AppTest runs of the process do not load it again (2.5 s of CPU)."""
    return cached_dataset(None, None)


@pytest.fixture
def offered(monkeypatch):
    """Every deferred download the app registers: file name -> (mime type, the callable that writes it)."""
    files: dict[str, tuple[str | None, object]] = {}
    register = MediaFileManager.add_deferred

    def record(self, data_callable, mimetype, coordinates, file_name=None, **kwargs):
        files[str(file_name)] = (mimetype, data_callable)
        return register(self, data_callable, mimetype, coordinates, file_name=file_name, **kwargs)

    monkeypatch.setattr(MediaFileManager, "add_deferred", record)
    return files
