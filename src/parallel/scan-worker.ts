import type { MessagePort } from 'node:worker_threads';
import { collect } from '../collect.js';
import { SCAN_WORKER, type ScanWorkerData } from './collect-in-workers.js';

/** Whether the running thread is a scan worker (the entry files ask, then call `runScanWorker`). */
export function isScanWorker(data: unknown): data is ScanWorkerData {
  return (data as { role?: string } | null)?.role === SCAN_WORKER;
}

export async function runScanWorker(data: ScanWorkerData, port: MessagePort): Promise<void> {
  port.postMessage(await collect(data.files, data.options));
}
