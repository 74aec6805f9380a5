"""Django's Redis cache, with one Redis client per connection pool.

Django's ``RedisCacheClient.get_client`` builds a new ``redis.Redis`` object for every command,
and building one sets up its table of several hundred response callbacks: with the sessions in
Redis, several times a request. The client is only a front for its connection pool (which
hands out the connections and is what Django keeps), so one is kept per pool and reused. Each
thread has its own cache object (``django.core.cache.caches``), as before.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    @cached_property
    def _cache(self):
        return ReusedClientRedisCacheClient(self._servers, **self._options)
