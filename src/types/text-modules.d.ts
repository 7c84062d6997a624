// The rule pack's YAML files are bundled as modules (scripts/yaml-module.cjs, for esbuild and Jest),
// so the action and CLI need no file-system access to find their own data.
declare module '*.yml' {
  /** The file's text. */
  const text: string;
  export default text;
  /** Its documents, read as YAML when the bundle was built: plain data for a schema to validate. */
  export const data: unknown;
}
declare module '*.json?text' {
  const text: string;
  export default text;
}

/** Replaced by the bundler with package.json's version. */
declare const __SSCOP_VERSION__: string;
