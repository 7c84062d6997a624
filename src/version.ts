/** The tool's version, injected at bundle time (and by Jest's globals in tests). */
export const VERSION: string = typeof __SSCOP_VERSION__ === 'string' ? __SSCOP_VERSION__ : '0.0.0-dev';
