-- Forgets a session and its history at once.
-- KEYS: sessions (zset), the record (hash), its events (stream)
-- ARGV: id
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('DEL', KEYS[2], KEYS[3])
