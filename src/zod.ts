/**
 * zod as this project uses it; import it from here, never from 'zod' (a lint rule holds this).
 *
 * Every schema here parses a handful of documents per run (the rule pack, a config file, answers
 * from the GitHub API). zod's fast path compiles a parser for each object schema with `new
 * Function` on its first parse, which only pays off over many parses: for the rule pack alone it
 * was 8 ms of every scan's start. Without it, zod validates the same way, by walking the schema.
 */
import * as z from 'zod';

z.config({ jitless: true });

export * from 'zod';
