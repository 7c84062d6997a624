/**
 * Evidence from the GitHub API, as checks and the online phase import it. The facts are data
 * (facts/table.ts), run by a planner (facts/planner.ts) within a request budget; responses are
 * parsed with the schemas in facts/schemas.ts.
 */
export { isKnown, type Fact } from './fact.js';
export { collectGitHubFacts, MAX_REQUESTS, type CollectOptions } from './facts/collect.js';
export type * from './facts/types.js';
