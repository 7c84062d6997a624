/**
 * Glob matching for paths, with picomatch's syntax and answers (dot files included). picomatch's
 * own matcher builds two result objects on every call; a check that matches every path of a
 * checkout against every CODEOWNERS rule made about 15 MB of them on argo-cd, all garbage. This
 * matcher asks the same questions of the same compiled expressions and allocates nothing.
 */
import picomatch from 'picomatch';

const OPTIONS = { dot: true } as const;

/** True when `path` matches any of `globs`, as picomatch(globs, { dot: true }) decides it. */
export function globMatcher(globs: string | readonly string[]): (path: string) => boolean {
  const compiled = (typeof globs === 'string' ? [globs] : globs).map((glob) => ({
    glob,
    re: picomatch.makeRe(glob, OPTIONS),
  }));
  return (path) => {
    // picomatch answers no for the empty path, and yes for a path equal to the glob as written
    // (a glob such as `a[b` that is also a literal name).
    if (path === '') return false;
    for (const { glob, re } of compiled) if (path === glob || re.test(path)) return true;
    return false;
  };
}
