-- wrk script: client credentials token requests against the auth-server's demo import job client.
-- Usage: wrk -t2 -c32 -d20s -s bench/token-request.lua http://127.0.0.1:9000/oauth/token
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. (os.getenv("BASIC_CREDENTIALS") or
    -- base64("timesheets-import-job:<demo secret>"), the DEMO client of application.yml
    "dGltZXNoZWV0cy1pbXBvcnQtam9iOmRlbW8tazM0aUlBVndzZC1sRGNaSzJYWkVyRERtejUxa2UzUkxlRnFpdDEtWkE4TQ==")
wrk.body = "grant_type=client_credentials&audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets"

local non200 = 0
response = function(status, headers, body)
    if status ~= 200 then non200 = non200 + 1 end
end

done = function(summary, latency, requests)
    io.write(string.format("requests=%d non200=%d rps=%.0f p50=%.1fms p99=%.1fms\n",
        summary.requests, summary.errors.status, summary.requests / (summary.duration / 1e6),
        latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
