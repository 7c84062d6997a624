// The rule pack's YAML files are bundled as text (esbuild `text` loader; a Jest transform in tests),
// so the action and CLI need no file-system access to find their own data.
declare module '*.yml' {
  const text: string;
  export default text;
}
declare module '*.json?text' {
  const text: string;
  export default text;
}

/** Replaced by the bundler with package.json's version. */
declare const __SSCOP_VERSION__: string;
