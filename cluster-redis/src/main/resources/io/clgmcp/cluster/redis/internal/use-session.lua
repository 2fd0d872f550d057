-- Reads a live session and extends it and its history by ttl, in one step so that it cannot
-- expire between the two. Gives {} when the session is gone.
-- KEYS: sessions (zset), the record (hash), its events (stream)
-- ARGV: id, ttl ms
local record = redis.call('HMGET', KEYS[2], 'caller', 'state')
if not record[1] then
  return {}
end
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local ttl = tonumber(ARGV[2])
redis.call('PEXPIRE', KEYS[2], ttl)
redis.call('PEXPIRE', KEYS[3], ttl)
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
return record
