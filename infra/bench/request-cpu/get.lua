-- GET /api/assistants/{id} of random assistants of one user (the files named by IDS and TOKEN)
local ids = {}
for line in io.lines(os.getenv("IDS")) do ids[#ids + 1] = line end
local token = io.open(os.getenv("TOKEN")):read("*l")
function request()
  return wrk.format("GET", "/api/assistants/" .. ids[math.random(#ids)], {["Authorization"] = "Bearer " .. token})
end
