/**
 * What the two shell walks (shell-syntax-walk.ts over mvdan-sh's tree, shell-unbash-walk.ts over
 * unbash's) share: the commands found so far, how pipelines are numbered, and recording a command
 * found at script offsets as file offsets.
 */
import { fileOffsetOf, type ScriptSource } from './script-source.js';
import type { ShellCommand, ShellRedirect, ShellSubstitution, ShellWord } from './shell.js';

/** The pipeline a command is a stage of. */
export interface Pipe {
  id: number;
  stage: number;
  stages: number;
}

/** A word's value (undefined once an expansion makes it dynamic), loose text and substitutions. */
export interface WordParts {
  value: string | undefined;
  loose: string;
  substitutions: ShellSubstitution[];
}

export class CommandCollector {
  /** The commands of the script, in the order they were walked. */
  readonly commands: ShellCommand[] = [];
  private pipelines = 0;

  /** The script being walked; the unbash walk puts a substitution's body here while it reads it. */
  constructor(protected source: ScriptSource) {}

  /** The number of a new pipeline (unique in the script). */
  protected nextPipeline(): number {
    return this.pipelines++;
  }

  /** A pipeline of one command. */
  protected single(): Pipe {
    return { id: this.nextPipeline(), stage: 0, stages: 1 };
  }

  /** Records a command spanning script offsets `pos` to `end`. */
  protected record(
    args: ShellWord[],
    assigns: ShellCommand['assigns'],
    redirects: ShellRedirect[],
    span: { pos: number; end: number },
    pipe: Pipe,
    substituted: boolean,
  ): void {
    this.commands.push({
      args,
      assigns,
      redirects,
      offset: fileOffsetOf(this.source, span.pos),
      end: fileOffsetOf(this.source, span.end),
      pipeline: pipe.id,
      stage: pipe.stage,
      stages: pipe.stages,
      substituted,
    });
  }
}
