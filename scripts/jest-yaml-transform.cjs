// Jest transform: a YAML file imported by the sources becomes the ES module the bundle makes of it
// (scripts/yaml-module.cjs): its text, and its documents as `data`.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const { yamlModuleSource } = require('./yaml-module.cjs');

// Jest's cache key leaves the transform itself out: a change here must still make new modules.
const transformSource = ['./jest-yaml-transform.cjs', './yaml-module.cjs']
  .map((file) => readFileSync(require.resolve(file), 'utf8'))
  .join('\n');

module.exports = {
  process(sourceText, sourcePath) {
    return { code: yamlModuleSource(sourceText, sourcePath) };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256').update(transformSource).update(sourcePath).update(sourceText).digest('hex');
  },
};
