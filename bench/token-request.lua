-- wrk script: client credentials token requests against the auth-server's demo import job client.
-- Usage: wrk -t2 -c32 -d20s -s bench/token-request.lua http://127.0.0.1:9000/oauth/token
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. (os.getenv("BASIC_CREDENTIALS") or
    -- base64("timesheets-import-job:<demo secret>"), the DEMO client of application.yml
    "dGltZXNoZWV0cy1pbXBvcnQtam9iOmRlbW8tazM0aUlBVndzZC1sRGNaSzJYWkVyRERtejUxa2UzUkxlRnFpdDEtWkE4TQ==")
wrk.body = "grant_type=client_credentials&audience=https%3A%2F%2Fapi.exampleco.com%2Ftimesheets"

-- No response() callback: calling into Lua for every response costs wrk more CPU than the server spends on a token,
-- on the same 2 cores. wrk counts non-2xx answers itself ("Non-2xx or 3xx responses").
