-- wrk script: POST /timesheets/upload with CHUNK new entries per request, each with a unique idempotency key, so
-- every request stores CHUNK entries (the API's raw upload capacity). Needs BEARER (an access token with
-- batch:upload) in the environment; CHUNK defaults to 500.
-- The keys are random hex, as a real client's are (the batch client sends SHA-256 hashes, others UUIDs): sequential
-- keys would all land at the end of the key index and measure a cheaper upload than any client gets.
local bearer = os.getenv("BEARER")
local chunk = tonumber(os.getenv("CHUNK") or "500")
local counter = 0
local prefix

setup = function(thread)
    thread:set("thread_id", tostring(math.random(1, 1e9)))
end

init = function(args)
    prefix = (thread_id or tostring(math.random(1, 1e9))) .. "-" .. tostring(os.time())
end

request = function()
    local parts = {}
    for i = 1, chunk do
        counter = counter + 1
        parts[i] = string.format(
            '{"idempotency_key":"%08x%08x%08x-%s-%d","employee_id":"emp-%d","date":"2026-11-%02d","project":"bench","hours":7.5}',
            math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), math.random(0, 0x7fffffff), prefix, counter,
            counter % 997, 1 + counter % 28)
    end
    return wrk.format("POST", nil, {
        ["Content-Type"] = "application/json",
        ["Authorization"] = "Bearer " .. bearer,
    }, "[" .. table.concat(parts, ",") .. "]")
end
