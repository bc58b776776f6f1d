import { Worker } from 'node:worker_threads';
import type { Config } from '../config/config.js';
import type { DiscoveredFiles } from '../files/discover.js';
import type { ScanOptions } from '../collect.js';
import type { Collected } from '../engine/scan-result.js';

export const SCAN_WORKER = 'pgbaseline-scan-worker';

/** What a worker receives: plain data only (rules and credentials stay in their own thread). */
export interface ScanWorkerData {
  role: typeof SCAN_WORKER;
  files: DiscoveredFiles;
  options: Omit<ScanOptions, 'rules' | 'live' | 'parallel' | 'baseline'> & { config: Config; now: Date };
}

/** Scans each part in a worker started from `entry`, and merges what they collect. */
export async function collectInWorkers(parts: DiscoveredFiles[], options: ScanOptions & { config: Config; now: Date }, entry: string): Promise<Collected> {
  // Only plain data crosses to a worker: no rule functions, credentials or worker settings.
  const plain: ScanWorkerData['options'] = {
    paths: options.paths,
    cwd: options.cwd,
    config: options.config,
    now: options.now,
    ...(options.varFiles && { varFiles: options.varFiles }),
    ...(options.vars && { vars: options.vars }),
    ...(options.paramFiles && { paramFiles: options.paramFiles }),
    ...(options.maxFileBytes && { maxFileBytes: options.maxFileBytes }),
    ...(options.strict && { strict: options.strict }),
  };
  const results = await Promise.all(
    parts.map(
      (files) =>
        new Promise<Collected>((resolve, reject) => {
          const data: ScanWorkerData = { role: SCAN_WORKER, files, options: plain };
          const worker = new Worker(new URL(entry), { workerData: data });
          worker.once('message', (collected: Collected) => {
            resolve(collected);
            void worker.terminate();
          });
          worker.once('error', reject);
          worker.once('exit', (code) => {
            if (code !== 0) reject(new Error(`A scan worker stopped with exit code ${code}`));
          });
        }),
    ),
  );
  return {
    findings: results.flatMap((result) => result.findings),
    notEvaluated: results.flatMap((result) => result.notEvaluated),
    annotations: results.flatMap((result) => result.annotations),
    servers: results.reduce((sum, result) => sum + result.servers, 0),
    verdicts: results.flatMap((result) => result.verdicts),
    notices: results.flatMap((result) => result.notices),
  };
}
