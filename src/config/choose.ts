/**
 * Choosing the config a scan applies: the checkout's, or a trusted one (the base commit's, on a
 * pull request) with the checkout's as a proposal; and what the report says of both.
 */
import { createHash } from 'node:crypto';
import type { Assessment } from '../assess/assess.js';
import { errorFirstLine } from '../errors.js';
import type { RulePack } from '../rules/pack.js';
import { describeProposal, type ConfigReport, type TrustedConfig } from './choice.js';
import { EMPTY_CONFIG, parseConfig, type Config } from './config.js';
import { DEFAULT_CONFIG_PATH } from './defaults.js';
import { readConfigFile } from './read.js';

export interface ChosenConfig {
  config: Config;
  /** The config file, as suppressions name it. */
  file: string;
  /** What the report calls the config applied. */
  applied: string;
  note?: string;
  /** The sha256 of the applied config file's text; absent when the defaults apply. */
  sha256?: string;
  /** The checkout's config when a trusted config is applied instead and the two differ. */
  proposed?: { path: string; config?: Config; error?: string };
}

/** The config to apply: the trusted one when given (the checkout's is then a proposal), else the checkout's. */
export async function chooseConfig(
  root: string,
  options: { configPath?: string; trustedConfig?: TrustedConfig },
  pack: RulePack,
): Promise<ChosenConfig> {
  const trusted = options.trustedConfig;
  if (!trusted) {
    const file = await readConfigFile(root, options.configPath);
    if (file.text === undefined)
      return { config: EMPTY_CONFIG, file: file.display, applied: 'defaults (no config file)' };
    return {
      config: parseConfig(file.text, file.display, pack),
      file: file.display,
      applied: file.display,
      sha256: sha256Of(file.text),
      note: `configuration read from ${file.display}`,
    };
  }
  // The trusted config went through review: an error in it is the repository's to fix (exit 2).
  const config = trusted.text === undefined ? EMPTY_CONFIG : parseConfig(trusted.text, trusted.label, pack);
  const chosen: ChosenConfig = {
    config,
    file: options.configPath ?? DEFAULT_CONFIG_PATH,
    applied: trusted.label,
    ...(trusted.text === undefined ? {} : { sha256: sha256Of(trusted.text) }),
  };
  let file;
  try {
    file = await readConfigFile(root, options.configPath);
  } catch (error) {
    const display = options.configPath ?? '.github/sscop.yml';
    return { ...chosen, proposed: { path: display, error: errorFirstLine(error) } };
  }
  if (file.text === trusted.text) return chosen;
  if (file.text === undefined) {
    return { ...chosen, proposed: { path: file.display, config: EMPTY_CONFIG } };
  }
  try {
    return {
      ...chosen,
      proposed: { path: file.display, config: parseConfig(file.text, file.display, pack) },
    };
  } catch (error) {
    return { ...chosen, proposed: { path: file.display, error: errorFirstLine(error) } };
  }
}

function sha256Of(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The config applied and, when the checkout proposes another, what it would change. */
export function reportConfig(
  chosen: ChosenConfig,
  assessment: Assessment,
  assessUnder: (cfg: Config) => Assessment,
): ConfigReport {
  const configReport: ConfigReport = { applied: chosen.applied };
  if (chosen.proposed) {
    const { path: proposedPath, config: proposedConfig, error } = chosen.proposed;
    if (proposedConfig) {
      const proposal = assessUnder(proposedConfig);
      configReport.proposed = describeProposal(
        proposedPath,
        { score: assessment.score, passed: assessment.gate.passed, config: chosen.config },
        { score: proposal.score, passed: proposal.gate.passed, config: proposedConfig },
      );
    } else {
      configReport.proposed = { path: proposedPath, changes: [], notAssessed: [], error };
    }
  }
  return configReport;
}
