/**
 * A customer's profile: what a signed Code of Practice attestation must show for them to accept it.
 * A small YAML file, validated here; the judging is in evaluate.ts.
 */
import { load as loadYaml } from 'js-yaml';
import * as z from 'zod';
import { UserError, errorFirstLine } from '../errors.js';

const idList = z.array(z.string().regex(/^\d+\.\d+(\.\d+)?$/, 'expected an id such as 3.2 or 2.2.1'));

const profileSchema = z
  .object({
    /** The repository whose workflow must have signed (OWNER/NAME); default: the one given with --repo. */
    signer: z
      .object({
        repository: z
          .string()
          .regex(/^[\w.-]+\/[\w.-]+$/, 'expected OWNER/NAME')
          .optional(),
        /** The signing workflow's path in that repository, e.g. `.github/workflows/sscop.yml`. */
        workflow: z.string().min(1).optional(),
        /** The workflow's ref, e.g. `refs/heads/main` or `refs/tags/v1.2.0`. */
        ref: z.string().min(1).optional(),
      })
      .strict()
      .optional(),
    /** Principles that must be met. */
    principles: idList.optional(),
    /** Claims that must be met. */
    claims: idList.optional(),
    /** Whether a vendor's declared evidence (`attested`) counts as met for the lists above. */
    'attested-counts-as-met': z.boolean().optional(),
    /** Claims observed, as a percentage of the claims in scope. */
    'minimum-coverage': z.number().min(0).max(100).optional(),
    'minimum-score': z.number().min(0).max(100).optional(),
    /** The vendor's own gate must have passed. */
    'gate-passed': z.boolean().optional(),
    /** Days from signing (the verified timestamp) to now. */
    'maximum-age-days': z.number().positive().optional(),
    /** Whether findings accepted by a suppression are acceptable (default: yes, they are listed). */
    'suppressions-allowed': z.boolean().optional(),
  })
  .strict();

export type Profile = z.infer<typeof profileSchema>;

/** Parses a profile; a mistake is a UserError naming the file and the key at fault. */
export function parseProfile(text: string, file: string): Profile {
  let doc: unknown;
  try {
    doc = loadYaml(text, { json: false });
  } catch (error) {
    throw new UserError(`${file}: not YAML: ${errorFirstLine(error)}`);
  }
  const parsed = profileSchema.safeParse(doc ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.join('.');
    throw new UserError(`${file}: ${key ? `${key}: ` : ''}${issue.message}`);
  }
  return parsed.data;
}
