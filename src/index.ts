import { pathToFileURL } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { isScanWorker, runScanWorker } from './parallel/scan-worker.js';

export { runCli } from './cli.js';

// One bundle, three roles: the action (what the runner starts), the CLI (bin/pgbaseline.js imports
// runCli), and the scan worker that large trees are split across. The action's code loads only when
// it runs, so the CLI does not pay for it at start-up.
if (!isMainThread && isScanWorker(workerData)) {
  await runScanWorker(workerData, parentPort!);
} else if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { run } = await import('./action.js');
  await run(import.meta.url);
}
