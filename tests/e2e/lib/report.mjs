import { createInterface } from 'node:readline';

// The C# test reads stdout line by line: checkpoint lines while the scenario runs, then exactly one final
// result line. Diagnostics go to stderr.

/** Prints an intermediate observation the C# side waits for (it may inspect the cluster meanwhile). */
export function checkpoint(name, observations) {
  process.stdout.write(`${JSON.stringify({ checkpoint: name, ...observations })}\n`);
}

const stdinLines = createInterface({ input: process.stdin });
const pendingLines = [];
const waiters = [];
stdinLines.on('line', (line) => {
  const waiter = waiters.shift();
  if (waiter) {
    waiter(line);
  } else {
    pendingLines.push(line);
  }
});

/** Waits for the C# side to write a line to stdin (it does so when it has checked the cluster). */
export function nextInputLine() {
  const pending = pendingLines.shift();
  if (pending !== undefined) {
    return Promise.resolve(pending);
  }
  return new Promise((resolve) => waiters.push(resolve));
}

/** Prints the final result line and exits 0: the C# side asserts on the observations. */
export function finish(result) {
  stdinLines.close();
  process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0));
}

/** Runs a scenario's main function; an exception is reported on stderr and exits 1. */
export function run(main) {
  main().then(finish, (error) => {
    process.stderr.write(`scenario failed: ${error?.stack ?? error}\n`);
    process.exit(1);
  });
}
