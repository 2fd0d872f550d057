-- Keeps streams alive for ttl more. A stream whose record expired meanwhile (its instance was cut
-- off from Redis for longer than the ttl) is recorded again: it is still open, so it counts.
-- KEYS: all streams (zset), then per stream its limit key's streams (zset) and its record (hash)
-- ARGV: ttl ms, then per stream its id, owner, caller, limit key
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local ttl = tonumber(ARGV[1])
for i = 0, (#KEYS - 1) / 2 - 1 do
  local byCaller, record = KEYS[2 + 2 * i], KEYS[3 + 2 * i]
  local a = 2 + 4 * i
  redis.call('ZADD', KEYS[1], now + ttl, ARGV[a])
  redis.call('ZADD', byCaller, now + ttl, ARGV[a])
  redis.call('HSET', record, 'owner', ARGV[a + 1], 'caller', ARGV[a + 2], 'limitKey', ARGV[a + 3])
  redis.call('PEXPIRE', record, ttl)
  if redis.call('PTTL', byCaller) < ttl then
    redis.call('PEXPIRE', byCaller, ttl)
  end
end
return #KEYS
