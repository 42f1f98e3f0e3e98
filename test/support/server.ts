/** Waiting for a spawned `local/start.ts` to say where it listens. */
import type { ChildProcess } from 'node:child_process';

export interface Listening {
  url: string;
  /** Everything the process printed so far (and from now on). */
  output(): string;
}

export function whenListening(child: ChildProcess, timeoutMs: number): Promise<Listening> {
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  return new Promise<Listening>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server start timed out:\n${output}`)), timeoutMs);
    child.stdout!.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1]!, output: () => output });
      }
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code ?? signal}) before it was up:\n${output}`));
    });
  });
}
