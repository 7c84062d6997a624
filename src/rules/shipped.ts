/**
 * The rule files sscop ships (rules/*.yml) are read as YAML when the bundle is built
 * (scripts/yaml-module.cjs), and each module's schema checks them in the tests (rules.test.ts
 * parses every shipped document with its parse function). A scan takes the shipped documents as
 * they are: validating them again on every cold start cost about 8 ms. Documents from anywhere
 * else go through the parse functions, which validate.
 */
import type * as z from 'zod';

/** A shipped document as its schema types it (the schema names the type; it is not run here). */
export function shippedDocument<S extends z.ZodType>(_schema: S, document: unknown): z.infer<S> {
  return document as z.infer<S>;
}
