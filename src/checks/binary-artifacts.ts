/**
 * binary-artifacts: executables, libraries, bytecode and binary packages committed to the tree,
 * recognised by their magic bytes (the first 64 bytes only), with the well-known benign cases —
 * build-tool wrapper jars and test data — explained rather than hidden.
 */
import type { CheckOutcome, Evidence, Finding, Severity } from '../model/types.js';
import { splitLines, splitPath } from '../evidence/locate.js';
import { isTestDataPath, testMaterial } from '../evidence/test-material.js';
import { isWorkflowOrActionPath, type Step, type Workflow } from '../evidence/workflows.js';
import { findingAt, type FileCheck } from './check.js';
import { audited, type WorkflowAudit } from './walk.js';

const ID = 'binary-artifacts';

const GRADLE_WRAPPER = /(?:^|\/)gradle\/wrapper\/gradle-wrapper\.jar$/;
const MAVEN_WRAPPER = /(?:^|\/)\.mvn\/wrapper\/maven-wrapper\.jar$/;
const MAVEN_WRAPPER_PROPERTIES = /(?:^|\/)\.mvn\/wrapper\/maven-wrapper\.properties$/;

/** Extensions that name a binary artefact: always sniffed. */
const BINARY_EXTENSIONS = new Set(
  (
    'exe dll so dylib bin o a lib obj ko elf out node wasm class jar war ear aar whl egg nupkg apk ' +
    'dex pyc pyo msi deb rpm com drv ocx sys efi macho bundle'
  ).split(' '),
);

/**
 * Extensions of text, media and data formats that are never sniffed: they make up nearly every
 * file of a repository, and a disguised executable among them would be reported by nothing here.
 * Files with other (unusual) extensions, or none, are sniffed.
 */
const KNOWN_NON_EXECUTABLE_EXTENSIONS = new Set(
  // source and scripts
  (
    'js mjs cjs jsx ts mts cts tsx vue svelte astro py pyi rb go java kt kts scala groovy gradle cs fs fsx vb ' +
    'php rs swift m mm c cc cpp cxx h hh hpp hxx inl ino dart lua pl pm r jl ex exs erl hrl clj cljs edn elm hs ' +
    'ml mli nim zig v sv vhd vhdl asm s sol cob f f90 pas d cr sh bash zsh fish ps1 psm1 psd1 bat cmd awk sed ' +
    'sql graphql gql proto thrift avdl capnp tf tfvars hcl nix bzl bazel cmake mk ' +
    // docs and markup
    'md markdown mdx rst adoc asciidoc txt text org tex bib rtf html htm xhtml xml xsl xslt xsd dtd svg css scss ' +
    'sass less styl haml pug slim erb ejs hbs mustache njk liquid twig jinja j2 tpl tmpl template ' +
    // data and config
    'json jsonc json5 jsonl ndjson geojson yaml yml toml ini cfg conf config properties env lock sum mod csv tsv ' +
    'plist xcconfig pbxproj storyboard xib resx editorconfig gitignore gitattributes gitmodules npmignore ' +
    'dockerignore prettierrc eslintrc babelrc nvmrc log diff patch po pot mo ' +
    // media, fonts and documents
    'png jpg jpeg gif webp avif bmp ico icns tif tiff psd ai eps heic svgz mp3 mp4 m4a wav ogg oga flac webm mov ' +
    'avi mkv ttf otf woff woff2 eot pdf doc docx xls xlsx ppt pptx odt ods odp epub ' +
    // archives and data blobs with no code of their own
    'zip gz tgz bz2 xz zst 7z rar tar br lz4 parquet avro arrow feather npy npz pkl pickle h5 hdf5 onnx pt pth ' +
    'safetensors gguf tflite pb db sqlite sqlite3 keystore jks p12 pfx pem crt cer der key pub asc sig gpg'
  ).split(' '),
);

/** Extensionless names that are text by convention (not worth a read). */
const TEXT_NAMES = new Set(
  (
    'license licence copying notice authors contributors changelog changes history readme makefile gnumakefile ' +
    'dockerfile containerfile jenkinsfile vagrantfile gemfile rakefile podfile brewfile procfile justfile ' +
    'codeowners owners version manifest gradlew mvnw configure install todo news thanks'
  ).split(' '),
);

function extensionOf(name: string): string | undefined {
  // `libssl.so.3`, `libfoo.so.1.2.3`: versioned shared objects.
  if (/\.so(?:\.\d{1,6}){1,4}$/.test(name)) return 'so';
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : undefined;
}

/** Files worth sniffing: a binary extension, an unusual one, or none (except well-known text names). */
export function isBinaryCandidate(path: string): boolean {
  const { name } = splitPath(path);
  if (name.startsWith('.')) return false;
  const ext = extensionOf(name);
  if (ext === undefined) return !TEXT_NAMES.has(name.toLowerCase());
  if (BINARY_EXTENSIONS.has(ext)) return true;
  return !KNOWN_NON_EXECUTABLE_EXTENSIONS.has(ext);
}

export type BinaryKind =
  | 'ELF executable or library'
  | 'Windows PE executable or library'
  | 'Mach-O executable or library'
  | 'Mach-O universal binary'
  | 'Java class file'
  | 'Java archive'
  | 'Python wheel or egg'
  | 'NuGet package'
  | 'Android package'
  | 'WebAssembly module'
  | 'Python bytecode'
  | 'Android Dalvik bytecode'
  | 'static library or Debian package (ar archive)'
  | 'RPM package';

/** Archives that are ZIP files on the inside: reported only under their own extension. */
const ZIP_ARCHIVES: Record<string, BinaryKind> = {
  jar: 'Java archive',
  war: 'Java archive',
  ear: 'Java archive',
  aar: 'Android package',
  apk: 'Android package',
  whl: 'Python wheel or egg',
  egg: 'Python wheel or egg',
  nupkg: 'NuGet package',
};

/** What the first bytes say the file is, or undefined for anything that is not a binary artefact. */
export function sniffBinary(head: Uint8Array, ext: string | undefined): BinaryKind | undefined {
  const b = (i: number): number => head[i] ?? -1;
  const be32 = (i: number): number => ((b(i) << 24) | (b(i + 1) << 16) | (b(i + 2) << 8) | b(i + 3)) >>> 0;
  if (head.length < 4) return undefined;
  if (b(0) === 0x7f && b(1) === 0x45 && b(2) === 0x4c && b(3) === 0x46) return 'ELF executable or library';
  if (b(0) === 0x4d && b(1) === 0x5a && head.length >= 64) {
    // DOS header: e_lfanew (offset 60, little-endian) points at the PE header, past the 64-byte header.
    const lfanew = b(60) | (b(61) << 8) | (b(62) << 16) | (b(63) << 24);
    if (lfanew >= 64 && lfanew < 0x10000) return 'Windows PE executable or library';
  }
  const magic = be32(0);
  if ([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe].includes(magic)) return 'Mach-O executable or library';
  if (magic === 0xcafebabe || magic === 0xcafebabf) {
    // Shared magic: a fat Mach-O counts its architectures (a handful) where a class file has its
    // version (major ≥ 45), so a small number means Mach-O.
    if (head.length < 8) return undefined;
    const next = be32(4);
    if (magic === 0xcafebabf || (next > 0 && next < 30)) return 'Mach-O universal binary';
    return (next & 0xffff) >= 45 ? 'Java class file' : undefined;
  }
  if (magic === 0x0061736d) return 'WebAssembly module';
  if (magic === 0x6465780a) return 'Android Dalvik bytecode';
  if (magic === 0xedabeedb) return 'RPM package';
  if (new TextDecoder().decode(head.subarray(0, 8)) === '!<arch>\n') {
    return 'static library or Debian package (ar archive)';
  }
  if (b(0) === 0x50 && b(1) === 0x4b && (b(2) === 3 || b(2) === 5 || b(2) === 7)) {
    return ext && Object.hasOwn(ZIP_ARCHIVES, ext) ? ZIP_ARCHIVES[ext] : undefined;
  }
  // Python bytecode: a version-specific 16-bit number followed by \r\n; only trusted under its extension.
  if ((ext === 'pyc' || ext === 'pyo') && b(2) === 0x0d && b(3) === 0x0a) return 'Python bytecode';
  return undefined;
}

interface Artifact {
  path: string;
  kind: BinaryKind;
}

/** What the walk gathers: the first workflow step that validates Gradle wrapper jars. */
const audit: WorkflowAudit<{ gradle?: Validation }> = {
  id: ID,
  start: () => ({}),
  step: (state, step, _job, wf) => {
    state.gradle ??= gradleValidation(wf, step);
  },
};

export const binaryArtifacts: FileCheck = {
  id: ID,
  source: 'files',
  audit,
  needs: (path) => {
    if (isWorkflowOrActionPath(path) || MAVEN_WRAPPER_PROPERTIES.test(path)) return 'text';
    return isBinaryCandidate(path) ? 'head' : undefined;
  },
  run: (ctx) => {
    const { files } = ctx;
    const artifacts: Artifact[] = [];
    const unread: string[] = [];
    let sniffed = 0;
    // Every candidate is a declared need (its head): no need to look through every path.
    for (const path of files.needed()) {
      if (!isBinaryCandidate(path)) continue;
      const head = files.head(path);
      if (!head) {
        if (files.skipped.some((s) => s.path === path)) unread.push(path);
        continue;
      }
      sniffed++;
      const kind = sniffBinary(head, extensionOf(splitPath(path).name));
      if (kind) artifacts.push({ path, kind });
    }
    return judge(
      artifacts,
      sniffed,
      unread,
      audited(ctx, audit).gradle,
      mavenWrapperChecksums(files.needed(), files.text.bind(files)),
    );
  },
};

interface Validation {
  summary: string;
  path: string;
  line: number;
}

function judge(
  artifacts: Artifact[],
  sniffed: number,
  unread: string[],
  gradle: Validation | undefined,
  maven: Map<string, Validation>,
): CheckOutcome {
  const findings: Finding[] = [];
  const evidence: Evidence[] = [
    { summary: `sniffed the first bytes of ${sniffed} file(s) with a binary, unusual or no extension` },
  ];
  if (unread.length) {
    evidence.push({
      summary: `${unread.length} candidate file(s) could not be read, e.g. ${unread.slice(0, 3).join(', ')}`,
    });
  }
  const validations = new Set<Validation>();
  for (const a of artifacts) {
    const validation = GRADLE_WRAPPER.test(a.path)
      ? gradle
      : MAVEN_WRAPPER.test(a.path)
        ? maven.get(wrapperRoot(a.path))
        : undefined;
    const f = classify(a, validation);
    if (validation) validations.add(validation);
    findings.push(findingAt(ID, { path: a.path, line: 1 }, f));
    evidence.push({ summary: `${a.kind}${f.severity === 'info' ? ' (explained)' : ''}`, path: a.path });
  }
  for (const v of validations) evidence.push({ summary: v.summary, path: v.path, line: v.line });

  const serious = findings.filter((f) => f.severity !== 'info' && f.severity !== 'low');
  const minor = findings.filter((f) => f.severity === 'low');
  const explained = findings.length - serious.length - minor.length;
  const tail = explained ? `; ${explained} explained (test data or a validated wrapper)` : '';
  if (serious.length) {
    return {
      status: 'fail',
      summary: `${serious.length} binary artefact(s) committed that no reviewer can read${tail}.`,
      findings,
      evidence,
    };
  }
  if (minor.length) {
    return {
      status: 'partial',
      summary: `${minor.length} build-tool wrapper jar(s) committed without checksum validation${tail}.`,
      findings,
      evidence,
    };
  }
  return {
    status: 'pass',
    summary: artifacts.length ? `No unexplained binary artefact${tail}.` : 'No binary artefacts committed.',
    findings,
    evidence,
  };
}

/** Severity and wording for one artefact; `validation` is what checks a wrapper jar, if anything. */
function classify(
  a: Artifact,
  validation: Validation | undefined,
): { severity: Severity; message: string; remediation: string } {
  if (GRADLE_WRAPPER.test(a.path)) {
    return validation
      ? {
          severity: 'info',
          message: `Gradle wrapper jar; its checksum is validated against Gradle's published list (${validation.path}:${validation.line}).`,
          remediation: 'No action needed while the validation keeps running on every change.',
        }
      : {
          severity: 'low',
          message:
            'Gradle wrapper jar committed with no wrapper validation in any workflow: a tampered jar would run in every build.',
          remediation:
            'Add a `gradle/actions/wrapper-validation` step (or use `gradle/actions/setup-gradle` v4 or later, which validates wrappers) to a workflow that runs on pull requests.',
        };
  }
  if (MAVEN_WRAPPER.test(a.path)) {
    return validation
      ? {
          severity: 'info',
          message: `Maven wrapper jar; the wrapper scripts verify it against wrapperSha256Sum (${validation.path}:${validation.line}).`,
          remediation: 'No action needed; keep the checksum in step with the jar.',
        }
      : {
          severity: 'low',
          message:
            'Maven wrapper jar committed with no wrapperSha256Sum in maven-wrapper.properties, so nothing checks it.',
          remediation:
            'Switch to the script-only wrapper (`mvn wrapper:wrapper -Dtype=only-script`) and delete the jar, or set `wrapperSha256Sum` in .mvn/wrapper/maven-wrapper.properties.',
        };
  }
  const material = testMaterial(a.path);
  if (material && isTestDataPath(a.path)) {
    return {
      severity: 'info',
      message: `${a.kind} in test material, ${material.reason}.`,
      remediation:
        'If the file is a test input, consider generating it during the test so reviewers can see how it was made.',
    };
  }
  return {
    severity: 'medium',
    message: `${a.kind} committed: its contents cannot be reviewed or traced to source.`,
    remediation:
      'Remove the binary and build it from source in CI, or fetch it at build time from a release with a verified checksum or signature.',
  };
}

/** The step, when it validates Gradle wrapper jars against Gradle's published checksums. */
function gradleValidation(wf: Workflow, step: Step): Validation | undefined {
  const uses = step.uses?.value;
  if (!uses || !step.uses) return undefined;
  const [action = '', ref = ''] = uses.split('@');
  const at = { path: wf.path, line: step.uses.pos.line };
  if (action === 'gradle/wrapper-validation-action' || action === 'gradle/actions/wrapper-validation') {
    return { summary: `Gradle wrapper validation (${action})`, ...at };
  }
  if (action !== 'gradle/actions/setup-gradle' || step.with.get('validate-wrappers')?.value === 'false')
    return undefined;
  const comment = splitLines(wf.text)[wf.positionAt(step.uses.range[0]).line - 1]?.split('#')[1] ?? '';
  // A version tag, or the version comment next to a commit SHA (`@<sha> # v4.2.0`).
  const major =
    /^v?(\d{1,4})(?:\.\d{1,6}){0,2}$/.exec(ref)?.[1] ??
    /(?:^|\s)v?(\d{1,4})(?:\.\d{1,6}){0,2}(?:\s|$)/.exec(comment)?.[1];
  const tracksLatest = ref === 'main' || ref === 'master';
  // setup-gradle validates wrappers by default from v4; before that only when asked to.
  if (
    step.with.get('validate-wrappers')?.value === 'true' ||
    tracksLatest ||
    (major !== undefined && Number(major) >= 4)
  ) {
    return { summary: 'Gradle wrapper validation (gradle/actions/setup-gradle)', ...at };
  }
  return undefined;
}

/**
 * `wrapperSha256Sum` in maven-wrapper.properties, by the folder that holds `.mvn/`: the wrapper
 * scripts check the jar beside it against that sum.
 */
function mavenWrapperChecksums(
  paths: readonly string[],
  text: (path: string) => string | undefined,
): Map<string, Validation> {
  const out = new Map<string, Validation>();
  for (const path of paths) {
    if (!MAVEN_WRAPPER_PROPERTIES.test(path)) continue;
    const lines = splitLines(text(path) ?? '');
    const index = lines.findIndex((l) =>
      /^\s{0,20}wrapperSha256Sum\s{0,20}[=:]\s{0,20}[0-9a-fA-F]{64}\s{0,20}$/.test(l.slice(0, 300)),
    );
    if (index >= 0) {
      out.set(wrapperRoot(path), {
        summary: 'Maven wrapper jar checksum (wrapperSha256Sum)',
        path,
        line: index + 1,
      });
    }
  }
  return out;
}

/** The project folder of a file under `.mvn/wrapper/` ('' at the repository root). */
function wrapperRoot(path: string): string {
  const at = path.lastIndexOf('.mvn/wrapper/');
  return at <= 0 ? '' : path.slice(0, at - 1);
}
