"""The Redis cache keeps one client per connection pool instead of building one a command; it
stores and reads as Django's does (against a real redis-server when the machine has one)."""

import shutil
import subprocess

import pytest

from cec_portal.cache import ReusedClientRedisCache
from profiles.kept import release_stamp
from tests.scale.cluster import free_port, wait_until

REDIS_SERVER = shutil.which("redis-server")


def redis_cache(url: str) -> ReusedClientRedisCache:
    return ReusedClientRedisCache(url, {"KEY_PREFIX": "test"})


def test_every_command_gets_the_same_client():
    cache = redis_cache("redis://127.0.0.1:1/0")  # building a client connects to nothing
    client = cache._cache.get_client("a")
    assert cache._cache.get_client("b") is client
    assert cache._cache.get_client("c", write=True) is client  # one server: one pool


def test_each_cache_object_has_its_own_client():
    assert (redis_cache("redis://127.0.0.1:1/0")._cache.get_client()
            is not redis_cache("redis://127.0.0.1:1/0")._cache.get_client())


@pytest.fixture
def redis_url(tmp_path):
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    port = free_port()
    server = subprocess.Popen(
        [REDIS_SERVER, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no", "--dir", str(tmp_path)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        url = f"redis://127.0.0.1:{port}/0"
        wait_until(lambda: redis_cache(url).set("ready", 1) is None, timeout=10,
                   what="redis-server")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_values_are_stored_read_and_deleted_as_by_djangos_cache(redis_url):
    cache = redis_cache(redis_url)
    cache.set("panel", "<section>…</section>", 60)
    assert cache.get("panel") == "<section>…</section>"
    assert cache.get_many(["panel", "missing"]) == {"panel": "<section>…</section>"}
    cache.delete("panel")
    assert cache.get("panel") is None


def test_a_release_that_changes_a_template_changes_the_kept_parts_stamp(settings, tmp_path):
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{% translate 'Saved.' %}</p>")
    settings.BASE_DIR = tmp_path
    release_stamp.cache_clear()
    try:
        before = release_stamp()
        page.write_text("<p>{% translate 'Saved!' %}</p>")
        release_stamp.cache_clear()
        assert release_stamp() != before
    finally:
        release_stamp.cache_clear()
