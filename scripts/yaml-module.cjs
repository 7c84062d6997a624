// The rule pack's YAML files become ES modules at build time, for the bundle (an esbuild plugin)
// and for Jest (scripts/jest-yaml-transform.cjs) alike: the file's text as the default export
// (hashed for attestations) and its documents, read by js-yaml here, as `data`. A scan then
// takes plain data instead of parsing 57 KB of YAML on every run (5-10 ms of a cold start).
const { readFileSync } = require('node:fs');
const { isDeepStrictEqual } = require('node:util');
const { load } = require('js-yaml');

/** The module's source: `export default <text>; export const data = JSON.parse(<json>)`. */
function yamlModuleSource(text, file) {
  const data = load(text);
  const json = JSON.stringify(data);
  // JSON keeps what the schemas accept; .inf, .nan or -0 would come back changed.
  if (!isDeepStrictEqual(JSON.parse(json), data)) {
    throw new Error(`${file}: holds a number JSON cannot carry (.inf, .nan, -0); quote it`);
  }
  // JSON.parse of a string literal is read faster than the same data as an object literal.
  return `export default ${JSON.stringify(text)};\nexport const data = JSON.parse(${JSON.stringify(json)});\n`;
}

/** esbuild plugin: every imported .yml file as such a module. */
const yamlModules = {
  name: 'yaml-modules',
  setup(build) {
    build.onLoad({ filter: /\.ya?ml$/ }, (args) => ({
      contents: yamlModuleSource(readFileSync(args.path, 'utf8'), args.path),
      loader: 'js',
    }));
  },
};

module.exports = { yamlModuleSource, yamlModules };
