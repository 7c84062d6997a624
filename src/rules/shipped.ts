/**
 * The rule files sscop ships (rules/*.yml) are read as YAML when the bundle is built
 * (scripts/yaml-module.cjs), and each module's schema checks them in the tests (rules.test.ts
 * parses every shipped document with its parse function). A scan takes the shipped documents as
 * they are: validating them again on every cold start cost about 8 ms. Documents from anywhere
 * else go through the parse functions, which validate.
 */
export function shippedDocument<T>(document: unknown): T {
  return document as T;
}
