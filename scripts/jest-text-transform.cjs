// Jest transform: a YAML file imported by the sources becomes an ES module exporting its text,
// matching esbuild's `text` loader used for the bundle.
module.exports = {
  process(sourceText) {
    return { code: `export default ${JSON.stringify(sourceText)};` };
  },
};
