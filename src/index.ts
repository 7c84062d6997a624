/** Entry point of the GitHub Action (bundled to dist/index.js). */
import { run } from './action/main.js';

await run();
