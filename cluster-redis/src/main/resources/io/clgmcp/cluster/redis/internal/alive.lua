-- Whether an instance's expiry is still ahead of the server's now.
-- KEYS: instances (zset)
-- ARGV: instance id
local t = redis.call('TIME')
local now = t[1] * 1000 + math.floor(t[2] / 1000)
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expiry and tonumber(expiry) > now then
  return 1
end
return 0
