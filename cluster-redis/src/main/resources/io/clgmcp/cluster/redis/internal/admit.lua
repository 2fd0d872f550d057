-- Records a stream when the cluster and its caller are below their limits, in one step so that
-- two instances admitting at once cannot both take the last place. Expiries are in the server's
-- milliseconds, since the instances' clocks may disagree.
-- KEYS: all streams (zset), the limit key's streams (zset), the record (hash)
-- ARGV: id, owner, caller, limit key, max streams, max per caller (0: none), ttl ms
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[5]) then
  return 'FULL'
end
local perCaller = tonumber(ARGV[6])
if perCaller > 0 and redis.call('ZCARD', KEYS[2]) >= perCaller then
  return 'CALLER_FULL'
end
local ttl = tonumber(ARGV[7])
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('ZADD', KEYS[2], now + ttl, ARGV[1])
redis.call('HSET', KEYS[3], 'owner', ARGV[2], 'caller', ARGV[3], 'limitKey', ARGV[4])
redis.call('PEXPIRE', KEYS[3], ttl)
-- A limit key whose caller never comes back must not stay behind for ever.
if redis.call('PTTL', KEYS[2]) < ttl then
  redis.call('PEXPIRE', KEYS[2], ttl)
end
return 'ADMITTED'
