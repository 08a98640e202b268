-- wrk script: POST /timesheets/upload with CHUNK new entries per request, each with a unique idempotency key, so
-- every request stores CHUNK entries (the API's raw upload capacity). Needs BEARER (an access token with
-- batch:upload) in the environment; CHUNK defaults to 500.
-- The entries look like the ones bench/run gives the batch client (bench.py's write_inbox), with keys of 64 random hex
-- characters like the batch client's SHA-256 keys, so that the raw capacity and the batch client's rate are measured
-- on the same work: sequential keys would all land at the end of the key index and make a cheaper upload than any
-- client gets.
local bearer = os.getenv("BEARER")
local chunk = tonumber(os.getenv("CHUNK") or "500")
local counter = 0

setup = function(thread)
    thread:set("thread_id", tostring(math.random(1, 1e9)))
end

init = function(args)
    -- Without a seed every run would draw the same keys, and a second run would only measure duplicate answers.
    math.randomseed(os.time() + tonumber(thread_id or "0"))
end

request = function()
    local parts = {}
    for i = 1, chunk do
        counter = counter + 1
        parts[i] = string.format(
            '{"idempotency_key":"%08x%08x%08x%08x%08x%08x%08x%08x","employee_id":"emp-%04d","date":"2026-%02d-%02d",'
                .. '"project":"project-%d","hours":%d.5,"notes":"bench line %d"}',
            math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff),
            math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff),
            math.random(0, 0x7fffffff), counter,
            counter % 997, 1 + counter % 12, 1 + counter % 28, counter % 13, 1 + counter % 8, counter)
    end
    return wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. bearer,
    }, "[" .. table.concat(parts, ",") .. "]")
end
