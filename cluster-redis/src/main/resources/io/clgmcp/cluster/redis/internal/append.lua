-- Numbers an event (the session's counter lives in its record, so it expires with it), stores it
-- as stream entry <id>-0 keeping the latest capacity, and lets the history expire with the
-- session. Gives 0, storing nothing, when the session is gone: a history would outlive it.
-- KEYS: the record (hash), its events (stream)
-- ARGV: channel id, data, capacity
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  return 0
end
local id = redis.call('HINCRBY', KEYS[1], 'lastEventId', 1)
redis.call('XADD', KEYS[2], 'MAXLEN', ARGV[3], string.format('%d-0', id),
  'channel', ARGV[1], 'data', ARGV[2])
redis.call('PEXPIRE', KEYS[2], ttl)
return id
