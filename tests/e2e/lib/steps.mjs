// Named steps of a long browser scenario, each reported on its own: after a failed step the rest are reported as not
// run (they would only time out), so the C# test that asserts on one step says which earlier step broke it.

/** Returns `steps` (name → `{ ok, error?, ms, ...observations }`) and `step(name, body)`, which runs `body` and records it. */
export function stepRunner() {
  const steps = {};
  let failed = null;
  const step = async (name, body) => {
    if (failed !== null) {
      steps[name] = { ok: false, error: `not run: step '${failed}' failed` };
      return;
    }
    const started = Date.now();
    try {
      steps[name] = { ok: true, ...(await body()), ms: Date.now() - started };
    } catch (error) {
      steps[name] = { ok: false, error: error?.message ?? String(error), ms: Date.now() - started };
      failed = name;
    }
    process.stderr.write(`step ${name}: ${steps[name].ok ? 'ok' : steps[name].error} (${steps[name].ms} ms)\n`);
  };
  return { steps, step };
}
