import {analyzeEventLog, generateSampleLog, parseEventLog, stageTasks, taskSummary, type ParsedEventLog} from '@site/playground';
import type {WorkerRequest, WorkerResponse} from './protocol';

/**
 * Parses and analyses event logs off the page's thread, so a 200 MB log does not freeze the page;
 * the parsed log stays here and the page asks for one stage's tasks when it shows them.
 */
const scope = self as unknown as {postMessage: (message: WorkerResponse) => void; onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null};

let parsed: ParsedEventLog | null = null;

function post(message: WorkerResponse) {
  scope.postMessage(message);
}

function analyse(read: () => ParsedEventLog) {
  const started = performance.now();
  try {
    parsed = read();
    post({kind: 'analysis', analysis: analyzeEventLog(parsed), elapsedMs: performance.now() - started});
  } catch (error) {
    parsed = null;
    post({kind: 'error', message: error instanceof Error ? error.message : String(error)});
  }
}

scope.onmessage = (event: MessageEvent<WorkerRequest>) => {
  const request = event.data;
  const onProgress = (fraction: number) => post({kind: 'progress', fraction});
  switch (request.kind) {
    case 'files':
      analyse(() => parseEventLog({files: request.files.map((file) => ({name: file.name, bytes: new Uint8Array(file.bytes)}))}, {onProgress}));
      return;
    case 'sample':
      analyse(() => parseEventLog(generateSampleLog({scenario: request.scenario}), {onProgress}));
      return;
    case 'stage':
      if (parsed) {
        post({kind: 'stage', stageId: request.stageId, attemptId: request.attemptId, summary: taskSummary(parsed, request.stageId, request.attemptId), tasks: stageTasks(parsed, request.stageId, request.attemptId)});
      }
      return;
  }
};
