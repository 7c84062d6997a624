import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  parseRepository
} from "./chunk-BV3GFJUS.js";
import {
  collectGitHubFacts,
  createGitHubClient
} from "./chunk-NLMCEPAZ.js";
import {
  UserError,
  errorMessage
} from "./chunk-SOV7ENPX.js";
import "./chunk-B7ZNQGY5.js";
import "./chunk-W373YIMK.js";

// src/github/pins.ts
var MAX_PINS_VERIFIED = 25;
async function verifyPins(client, pins) {
  const distinct = /* @__PURE__ */ new Map();
  for (const p of pins) distinct.set(`${p.repository.toLowerCase()}@${p.sha}#${p.version ?? ""}`, p);
  const todo = [...distinct.values()].slice(0, MAX_PINS_VERIFIED);
  const before = client.requestCount;
  const results = await Promise.all(todo.map((p) => verifyOne(client, p)));
  return {
    results,
    skipped: Math.max(0, distinct.size - todo.length),
    requests: client.requestCount - before
  };
}
async function verifyOne(client, pin) {
  const [owner, repo] = pin.repository.split("/");
  const base = { repository: pin.repository, sha: pin.sha, version: pin.version };
  if (!owner || !repo) return { ...base, verdict: "unverified", note: "not an owner/repo action" };
  try {
    if (pin.version) {
      const resolved = await commitSha(client, owner, repo, pin.version);
      if (resolved === pin.sha) return { ...base, verdict: "verified" };
      const exists2 = await commitSha(client, owner, repo, pin.sha) !== void 0;
      if (!exists2) return { ...base, verdict: "sha-not-found" };
      return resolved === void 0 ? { ...base, verdict: "version-not-found" } : { ...base, verdict: "version-mismatch", versionSha: resolved };
    }
    const exists = await commitSha(client, owner, repo, pin.sha) !== void 0;
    return { ...base, verdict: exists ? "exists" : "sha-not-found" };
  } catch (error) {
    return { ...base, verdict: "unverified", note: errorMessage(error).split("\n")[0] };
  }
}
async function commitSha(client, owner, repo, ref) {
  try {
    const response = await client.octokit.request("GET /repos/{owner}/{repo}/commits/{ref}", {
      owner,
      repo,
      ref,
      // Only the SHA is needed; GitHub answers this media type with the bare SHA (a JSON commit also works).
      mediaType: { format: "sha" }
    });
    const data = response.data;
    const sha = typeof data === "string" ? data.trim() : data?.sha;
    return typeof sha === "string" && /^[0-9a-f]{40}$/.test(sha) ? sha : void 0;
  } catch (error) {
    const status = error.status;
    if (status === 404 || status === 422) return void 0;
    throw error;
  }
}

// src/github/online.ts
async function collectOnline(options) {
  const { owner, repo } = parseRepository(options.repository);
  if (options.pullNumber !== void 0 && !(Number.isInteger(options.pullNumber) && options.pullNumber > 0)) {
    throw new UserError(`Invalid pull request number '${options.pullNumber}'`);
  }
  const client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  return collectGitHubFacts({ client, owner, repo, branch: options.branch, pullNumber: options.pullNumber });
}
async function verifyActionPins(options, pins) {
  const client = createGitHubClient({ ...options.client, token: options.token, apiUrl: options.apiUrl });
  return verifyPins(client, pins);
}
export {
  collectOnline,
  verifyActionPins
};
