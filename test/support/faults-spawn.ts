/** Real processes for fault tests: started with tsx, killed with SIGKILL, waited on. */
import { type ChildProcess, spawn } from "node:child_process";

export type Spawned = { child: ChildProcess; output(): string; kill(signal?: NodeJS.Signals): Promise<void> };

/**
 * Runs `script` (TypeScript, via tsx's loader: the pid is the node process itself) and resolves once it prints
 * `readyText` (at once when null: the caller tells readiness another way).
 */
export async function spawnTs(
  script: string,
  env: Record<string, string>,
  readyText: string | null,
  timeoutMs = 20_000,
) {
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: process.cwd(),
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const ready = new Promise<void>((resolve, reject) => {
    const timer =
      readyText === null
        ? undefined
        : setTimeout(() => {
            // Not left running: the caller never got hold of it.
            child.kill("SIGKILL");
            reject(new Error(`${script} not ready in ${timeoutMs} ms:\n${output}`));
          }, timeoutMs);
    const seen = (chunk: Buffer) => {
      output += chunk.toString();
      if (readyText !== null && output.includes(readyText)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on("data", seen);
    child.stderr?.on("data", seen);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`));
    });
  });
  if (readyText !== null) await ready;
  else ready.catch(() => undefined);
  const spawned: Spawned = {
    child,
    output: () => output,
    async kill(signal = "SIGKILL") {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill(signal);
      await exited;
    },
  };
  return spawned;
}
