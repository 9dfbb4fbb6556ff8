/*
 * The login throttle's Redis scripts. Each counter is a hash with `failures` and, for the
 * locking ones, `lockedUntil` (epoch ms from the injected clock, so tests move past a lock
 * without sleeping). The Redis TTL only collects garbage; decisions use `lockedUntil`.
 *
 * KEYS: 1 = the email at this address, 2 = the address, 3 = the email anywhere.
 */

/**
 * Checks the locks and counts the attempt as a failure in one step. Checking and counting
 * separately (read the lock, verify the password, then record) let twenty parallel guesses all
 * read "unlocked" before the first failure landed. A locked attempt is not counted: it was
 * never evaluated. The lock doubles with each failure past the threshold, capped.
 *
 * ARGV: 1 now; 2-5 and 6-9 the lock policies of KEYS[1] and KEYS[2] (lockAfterFailures,
 * baseLockMs, maxLockMs, windowMs); 10-13 the slow-down policy of KEYS[3]
 * (slowDownAfterFailures, baseDelayMs, maxDelayMs, windowMs).
 * Returns {0, retryMs} when locked, else {1, delayMs, the lockedUntil set on KEYS[2] or ''}.
 */
export const BEGIN_ATTEMPT = `
local now = tonumber(ARGV[1])
local lockedUntil = 0
for i = 1, 2 do
  local value = tonumber(redis.call('HGET', KEYS[i], 'lockedUntil') or '0') or 0
  if value > lockedUntil then lockedUntil = value end
end
if lockedUntil > now then return {0, lockedUntil - now} end

local function count(key, first)
  local lockAfter = tonumber(ARGV[first])
  local ttl = tonumber(ARGV[first + 3])
  local failures = redis.call('HINCRBY', key, 'failures', 1)
  local lock = ''
  if failures >= lockAfter then
    local duration = math.min(tonumber(ARGV[first + 1]) * 2 ^ (failures - lockAfter), tonumber(ARGV[first + 2]))
    lock = string.format('%.0f', now + duration)
    redis.call('HSET', key, 'lockedUntil', lock)
    ttl = math.max(ttl, duration)
  end
  redis.call('PEXPIRE', key, math.floor(ttl))
  return lock
end
count(KEYS[1], 2)
local addressLock = count(KEYS[2], 6)

local failures = redis.call('HINCRBY', KEYS[3], 'failures', 1)
redis.call('PEXPIRE', KEYS[3], math.floor(tonumber(ARGV[13])))
local delay = 0
local excess = failures - tonumber(ARGV[10])
if excess > 0 then delay = math.min(tonumber(ARGV[11]) * 2 ^ (excess - 1), tonumber(ARGV[12])) end
return {1, math.floor(delay), addressLock}
`;

/**
 * The password was right: the attempt was no failure after all. The email's record at this
 * address is cleared (the owner proved themself there). The address and the email-anywhere
 * counters only get this attempt back: their other failures may be someone else's. A lock this
 * very attempt put on the address is lifted (the address was unlocked when it began), but not
 * one a concurrent failure set since.
 *
 * ARGV: 1 the lockedUntil BEGIN_ATTEMPT set on KEYS[2], or ''.
 */
export const SETTLE_SUCCESS = `
redis.call('DEL', KEYS[1])
if redis.call('EXISTS', KEYS[2]) == 1 then
  redis.call('HINCRBY', KEYS[2], 'failures', -1)
  if ARGV[1] ~= '' and redis.call('HGET', KEYS[2], 'lockedUntil') == ARGV[1] then
    redis.call('HDEL', KEYS[2], 'lockedUntil')
  end
end
if redis.call('EXISTS', KEYS[3]) == 1 then redis.call('HINCRBY', KEYS[3], 'failures', -1) end
return 1
`;
