-- Forgets a stream everywhere at once, so that no count sees it half removed.
-- KEYS: all streams (zset), the limit key's streams (zset), the record (hash)
-- ARGV: id
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return redis.call('DEL', KEYS[3])
