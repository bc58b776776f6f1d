import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { run } from './action.js';
import { isScanWorker, runScanWorker } from './parallel/scan-worker.js';

// The bundle is also the scan worker that large trees are split across.
if (!isMainThread && isScanWorker(workerData)) await runScanWorker(workerData, parentPort!);
else await run(import.meta.url);
