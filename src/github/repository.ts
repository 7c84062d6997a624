/** `OWNER/NAME` as the CLI and the action accept it (no client needed to check the spelling). */
import { UserError } from '../errors.js';

const REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;

/** Splits `OWNER/NAME`, or explains what was expected. */
export function parseRepository(value: string): { owner: string; repo: string } {
  const m = REPOSITORY.exec(value.trim());
  if (!m || m[2] === '.' || m[2] === '..') {
    throw new UserError(`Invalid repository '${value}'. Expected format {owner}/{repo}.`);
  }
  return { owner: m[1]!, repo: m[2]! };
}
