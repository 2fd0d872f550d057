-- A channel's events from a first id on, oldest first, as id, data, id, data...; filtered here so
-- that other channels' events never cross the network.
-- KEYS: the session's events (stream)
-- ARGV: channel id, first stream id
local found = {}
for _, entry in ipairs(redis.call('XRANGE', KEYS[1], ARGV[2], '+')) do
  local fields = entry[2]
  if fields[2] == ARGV[1] then
    found[#found + 1] = entry[1]
    found[#found + 1] = fields[4]
  end
end
return found
