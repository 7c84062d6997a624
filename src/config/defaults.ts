/** Defaults shared by the config loader and the shells, in a module with no dependencies (start-up cost). */
export const DEFAULT_CONFIG_PATH = '.github/sscop.yml';
export const DEFAULT_THRESHOLD = 60;
