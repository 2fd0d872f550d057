-- Marks an instance alive until the server's now + ttl, and forgets instances long dead.
-- KEYS: instances (zset)
-- ARGV: instance id, ttl ms
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
