-- Counts the responses that are not 2xx (wrk itself counts only "non-2xx or 3xx": a redirect to the sign-in
-- page would pass for a success). Each wrk thread has its own Lua state; done() adds up the threads' counts.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  bad = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    bad = bad + 1
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + (thread:get("bad") or 0)
  end
  io.write(string.format("non-2xx %d\n", total))
end
