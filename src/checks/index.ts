/** Every implemented check. Adding a check: one module, one entry here, one entry in rules/checks.yml. */
import { actionsSettings } from './actions-settings.js';
import { binaryArtifacts } from './binary-artifacts.js';
import { branchProtection } from './branch-protection.js';
import type { Check } from './check.js';
import { codeScanningAlerts } from './code-scanning-alerts.js';
import { codeowners } from './codeowners.js';
import { committedSecrets } from './committed-secrets.js';
import { dependencyUpdateTool } from './dependency-update-tool.js';
import { maintained } from './maintained.js';
import { orgMfa } from './org-mfa.js';
import { privateVulnerabilityReporting } from './private-vulnerability-reporting.js';
import { secretScanning } from './secret-scanning.js';
import { securityAdvisories } from './security-advisories.js';
import { sbom } from './sbom.js';
import { securityPolicy } from './security-policy.js';
import { incidentCommunication } from './incident-communication.js';
import { supportPolicy } from './support-policy.js';
import { threatModel } from './threat-model.js';
import { vulnerabilityManagement } from './vulnerability-management.js';
import { signedCommits } from './signed-commits.js';
import { vulnerabilityAlerts } from './vulnerability-alerts.js';
import { workflowPermissions } from './workflow-permissions.js';
import { dangerousWorkflow } from './dangerous-workflow.js';
import { scriptInjection } from './script-injection.js';
import { sast } from './sast.js';
import { ciTests } from './ci-tests.js';
import { fuzzing } from './fuzzing.js';
import { releaseIntegrity } from './release-integrity.js';
import { pinnedActions } from './pinned-actions.js';
import { pinnedImages } from './pinned-images.js';
import { lockfiles } from './lockfiles.js';
import { unverifiedDownloads } from './unverified-downloads.js';
import { workflowSyntax } from './workflow-syntax.js';
import { workflowCredentials } from './workflow-credentials.js';
import { workflowSecrets } from './workflow-secrets.js';
import { workflowRunners } from './workflow-runners.js';
import { workflowEnvInjection } from './workflow-env-injection.js';
import { workflowConditions } from './workflow-conditions.js';
import { workflowReferences } from './workflow-references.js';

/** Checks that read GitHub settings through the API (unknown in an offline scan). */
export const API_CHECKS: readonly Check[] = [
  branchProtection,
  signedCommits,
  privateVulnerabilityReporting,
  secretScanning,
  vulnerabilityAlerts,
  codeScanningAlerts,
  securityAdvisories,
  maintained,
  actionsSettings,
  orgMfa,
];

export const ALL_CHECKS: readonly Check[] = [
  securityPolicy,
  supportPolicy,
  incidentCommunication,
  vulnerabilityManagement,
  dependencyUpdateTool,
  codeowners,
  sbom,
  binaryArtifacts,
  committedSecrets,
  threatModel,
  workflowPermissions,
  dangerousWorkflow,
  scriptInjection,
  sast,
  ciTests,
  fuzzing,
  releaseIntegrity,
  pinnedActions,
  pinnedImages,
  lockfiles,
  unverifiedDownloads,
  workflowSyntax,
  workflowCredentials,
  workflowSecrets,
  workflowRunners,
  workflowEnvInjection,
  workflowConditions,
  workflowReferences,
  ...API_CHECKS,
];
