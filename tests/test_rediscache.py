"""The Redis cache backend keeps one client per pool (secretariat.rediscache) and still works as
Django's: values set, read, read together and deleted."""

import socket

import pytest

from secretariat.rediscache import RedisCache

LOCATION = "redis://127.0.0.1:6379/14"


def redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


pytestmark = pytest.mark.skipif(not redis_up(), reason="needs Redis on 127.0.0.1:6379")


def test_one_client_per_pool_and_the_cache_still_works():
    cache = RedisCache(LOCATION, {"KEY_PREFIX": "sem-test"})
    client = cache._cache.get_client(write=True)
    assert cache._cache.get_client(write=False) is client
    cache.set("version", "v1", 30)
    cache.set("page", {"version": "v1", "content": b"<p>kept</p>"}, 30)
    assert cache.get_many(["version", "page", "absent"]) == {
        "version": "v1",
        "page": {"version": "v1", "content": b"<p>kept</p>"},
    }
    cache.delete_many(["version", "page"])
    assert cache.get("version") is None
