/** Every implemented check. Adding a check: one module, one entry here, one entry in rules/checks.yml. */
import type { Check } from './check.js';
import { codeowners } from './codeowners.js';
import { dependencyUpdateTool } from './dependency-update-tool.js';
import { securityPolicy } from './security-policy.js';

export const ALL_CHECKS: readonly Check[] = [securityPolicy, dependencyUpdateTool, codeowners];
