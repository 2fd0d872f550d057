-- The live members of the instances, streams and sessions sets, by the server's now.
-- KEYS: instances, streams, sessions (zsets)
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local live = '(' .. string.format('%d', now)
return {
  redis.call('ZCOUNT', KEYS[1], live, '+inf'),
  redis.call('ZCOUNT', KEYS[2], live, '+inf'),
  redis.call('ZCOUNT', KEYS[3], live, '+inf')
}
