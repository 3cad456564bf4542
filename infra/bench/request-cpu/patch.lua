-- merge-patch PATCH /api/assistants/{id} (IDS, TOKEN): each of wrk's two threads its own half of the ids, round robin,
-- so that two requests to one aggregate are 100 requests apart; prints the count of each status
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local token = io.open(os.getenv("TOKEN")):read("*l")
local counter = 0
local threads = {}
local slice, offset
function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end
function init(args)
  slice = math.floor(#ids / 2)
  offset = index * slice
end
function request()
  counter = counter + 1
  local id = ids[offset + (counter % slice) + 1]
  local body = string.format('{"temperature": %.2f, "description": "Updated at %d"}', math.random(), counter)
  return wrk.format("PATCH", "/api/assistants/" .. id,
    {["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/merge-patch+json"}, body)
end
function response(status, headers, body)
  local key = "s" .. status
  _G[key] = (_G[key] or 0) + 1
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    for _, s in ipairs({200, 202, 409, 400, 404, 500, 503}) do
      local n = t:get("s" .. s)
      if n then io.write(string.format("status %d: %d\n", s, n)) end
    end
  end
end
