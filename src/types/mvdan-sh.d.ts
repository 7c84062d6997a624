// mvdan-sh ships no type declarations; src/evidence/shell.ts gives the parts it uses their shapes.
declare module 'mvdan-sh' {
  const sh: { syntax: unknown };
  export default sh;
}
