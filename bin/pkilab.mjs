#!/usr/bin/env node
import { register } from 'tsx/esm/api';

// A reader that goes away (`pkilab … | head`) ends the output, not the program with a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}
register();
const { main } = await import('../adapters/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
