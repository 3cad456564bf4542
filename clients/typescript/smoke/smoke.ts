/**
 * Runs the typed client under Node against a platform, as a frontend would use it: sign up, log in, create a
 * tool and an assistant using it, read it back, page the list with its cursor, and meet a 412 (a stale
 * If-Match) and a 404 as typed errors. `node dist/smoke/smoke.js <base-url> [--mock]`; exits non-zero on the
 * first failed expectation. TypeScriptClientIT runs it against the test platform.
 *
 * With --mock the platform is infra/scripts/mock-api (Prism serving the document's examples): it answers
 * examples rather than what was sent, so the checks that need a real store (paging distinct pages, the
 * assigned tool) are left out, and the refusals are asked for with Prism's `Prefer: code=...`.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { ApiError, createVoicePartnerClient, etag, orThrow, shown } from "../src/index.js";

const [baseUrl, flag] = process.argv.slice(2);
if (!baseUrl) {
  console.error("usage: node dist/smoke/smoke.js <base-url> [--mock]");
  process.exit(2);
}
const mock = flag === "--mock";
/** Against the mock, the answer a refusal would have; against the platform, nothing: the request earns it. */
const expecting = (status: number): Record<string, string> => (mock ? { Prefer: `code=${status}` } : {});

let token: string | undefined;
const api = createVoicePartnerClient({ baseUrl, token: () => token });

const email = `smoke-${randomUUID()}@example.com`;
const password = "correct horse battery";
const user = shown(await orThrow(api.POST("/api/users", { body: { email, password, name: "Smoke" } })));
assert.ok(user.data?.id, "sign-up answers the new user's id");
step(`signed up ${user.data.email}`);

const login = await orThrow(api.POST("/token", { body: { email, password } }));
assert.ok(login.access_token, "/token answers an access token");
token = login.access_token;
step("logged in at /token");

const tool = shown(
  await orThrow(
    api.POST("/api/tools", {
      body: { name: "Book appointment", endpoint: "https://api.example.com/appointments", method: "POST" },
    }),
  ),
);
const toolId = tool.data?.id;
assert.ok(toolId, "the tool has an id");

const created = await api.POST("/api/assistants", { body: { name: "Front desk", tool_ids: [toolId] } });
assert.equal(created.response.status, 201, JSON.stringify(created.error));
const assistantId = created.data && shown(created.data).data?.id;
assert.ok(assistantId, "the assistant has an id");
const firstTag = etag(created.response);
step(`created assistant ${assistantId} with tool ${toolId}`);

const read = await orThrow(api.GET("/api/assistants/{id}", { params: { path: { id: assistantId } } }));
assert.equal(read.data?.id, assistantId);
assert.ok(read.data?.tools?.length, "the assistant shows its tools");
if (!mock) {
  assert.equal(read.data?.name, "Front desk");
  assert.deepEqual(read.data?.tools?.map((t) => t.id), [toolId]);
}
step("read it back with its tool");

if (!mock) {
  for (const name of ["Night line", "Overflow"]) {
    await orThrow(api.POST("/api/assistants", { body: { name } }));
  }
}
const first = await orThrow(api.GET("/api/assistants", { params: { query: { limit: 2 } } }));
const cursor = first.meta?.next_cursor;
assert.ok(cursor, "a first page of two has a next cursor");
const second = await orThrow(api.GET("/api/assistants", { params: { query: { limit: 2, cursor } } }));
if (!mock) {
  assert.equal(first.meta?.total, 3);
  const ids = [...(first.data ?? []), ...(second.data ?? [])].map((a) => a.id);
  assert.equal(new Set(ids).size, 3, `two pages cover the three assistants once each: ${ids}`);
  assert.equal(second.meta?.next_cursor ?? null, null, "the second page is the last");
}
step("paged the list with its cursor");

const renamed = await api.PATCH("/api/assistants/{id}", {
  params: { path: { id: assistantId }, header: { "If-Match": firstTag } },
  body: { name: "Front desk (day)" },
});
assert.equal(renamed.response.status, 200, JSON.stringify(renamed.error));
const stale = await api.PATCH("/api/assistants/{id}", {
  params: { path: { id: assistantId }, header: { "If-Match": firstTag } },
  body: { name: "Front desk (night)" },
  headers: expecting(412),
});
assert.equal(stale.response.status, 412);
assert.equal(stale.error?.error?.code, "revision_mismatch", "a stale If-Match is a typed revision_mismatch");
step("a stale If-Match is a 412 revision_mismatch");

const missing = await orThrow(
  api.GET("/api/assistants/{id}", { params: { path: { id: randomUUID() } }, headers: expecting(404) }),
).then(
  () => assert.fail("an unknown assistant was found"),
  (refusal: unknown) => refusal,
);
assert.ok(missing instanceof ApiError, `an unknown id is an ApiError, not ${missing}`);
assert.equal(missing.status, 404);
assert.equal(missing.code, "not_found");
step("an unknown id is a 404 not_found");

console.log(`smoke passed against ${baseUrl}${mock ? " (mock)" : ""}`);

function step(what: string): void {
  console.log(`ok - ${what}`);
}
