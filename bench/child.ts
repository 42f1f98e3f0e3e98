/**
 * The load generator in a process of its own: the parent runs the server (and DynamoDB
 * Local runs in Java), the child sends the requests and the bare writes they are compared
 * with, so neither the server nor its baseline shares an event loop with the client.
 * The child is this project's TypeScript run by Node with tsx; input and result travel
 * over the IPC channel.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** Runs `script` (a module calling `serveAsChild`) with `input`; resolves with what it returns. */
export function runChild<I, O>(script: URL, input: I): Promise<O> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(script), [], {
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      serialization: 'advanced',
      // The SDK's notice about Node versions, printed once by the parent already.
      env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    });
    let answer: { ok: true; value: O } | { ok: false; error: string } | undefined;
    child.on('message', (m) => (answer = m as typeof answer));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (answer?.ok) resolve(answer.value);
      else reject(new Error(answer ? `load generator failed: ${answer.error}` : `load generator exited with code ${code}`));
    });
    child.send(input as object);
  });
}

/** The child's side: waits for its input, runs, sends back the result and exits. */
export function serveAsChild<I, O>(run: (input: I) => Promise<O>): void {
  process.once('message', (input) => {
    const reply = (message: unknown, code: number) => process.send!(message, () => process.exit(code));
    run(input as I).then(
      (value) => reply({ ok: true, value }, 0),
      (err: unknown) => reply({ ok: false, error: err instanceof Error ? (err.stack ?? err.message) : String(err) }, 1),
    );
  });
}
