-- Records a session (keeping its event counter) and its history alive for ttl.
-- KEYS: sessions (zset), the record (hash), its events (stream)
-- ARGV: id, caller, state, ttl ms
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local ttl = tonumber(ARGV[4])
redis.call('HSET', KEYS[2], 'caller', ARGV[2], 'state', ARGV[3])
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
return redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
