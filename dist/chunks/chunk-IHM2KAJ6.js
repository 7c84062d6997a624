import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/github/permissions.ts
var PERMISSIONS = {
  metadata: "Metadata: read (every token that can see the repository has it)",
  contents: "Contents: read (GITHUB_TOKEN: contents: read; classic token: repo for private repositories)",
  pullRequests: "Pull requests: read (GITHUB_TOKEN: pull-requests: read)",
  administration: "Administration: read (a fine-grained token or GitHub App of a repository admin; GITHUB_TOKEN can never have it; classic token: repo scope and admin role)",
  administrationWrite: "Administration: write (repository admin) to see who may bypass a repository ruleset",
  pvr: "Metadata: read on the repository (GitHub may show the setting only to admins of private repositories)",
  // GITHUB_TOKEN has no scope for Dependabot alerts (security-events covers code scanning only).
  dependabot: "Dependabot alerts: read (a fine-grained token or GitHub App; GITHUB_TOKEN can never have it; classic token: security_events scope)",
  codeScanning: "Code scanning alerts: read (fine-grained token; GITHUB_TOKEN: security-events: read; classic token: security_events scope)",
  advisories: "Repository security advisories: read for private repositories (published advisories of public repositories need no permission)",
  orgAdmin: "Organization Administration: read as an organization owner (classic token: admin:org / read:org as owner)"
};

export {
  PERMISSIONS
};
