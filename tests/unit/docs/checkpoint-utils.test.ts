import {spawnSync} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';

// checkpoint_utils.py (failure-recovery page) run with Debian's python3 on checkpoints laid out as Spark writes
// them: OffsetSeqLog (v1, metadata line, one line per source, "-" for none), CommitLog (v1/v2 + JSON) and
// HDFSMetadataLog's rule that only files named by a batch id are log entries.
const moduleDir = join(__dirname, '../../../docs/03-streaming-architecture/failure-recovery/src');
// -B: importing the module must not write __pycache__ into docs/.
const python = '/usr/bin/python3';

const root = mkdtempSync(join(tmpdir(), 'checkpoint-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const queryId = 'a2b5c0f1-6a0e-4d3b-9a4e-3f1f6c2d9e10';
const conf =
  '{"spark.sql.streaming.stateStore.providerClass":"org.apache.spark.sql.execution.streaming.state.HDFSBackedStateStoreProvider","spark.sql.streaming.multipleWatermarkPolicy":"min","spark.sql.shuffle.partitions":"200"}';

function offsets(watermarkMs: number, sources: string[]): string {
  return ['v1', `{"batchWatermarkMs":${watermarkMs},"batchTimestampMs":${1781600000000 + watermarkMs},"conf":${conf}}`, ...sources].join('\n');
}

/** Writes a checkpoint folder: file name -> content, folders created as needed. */
function checkpoint(name: string, files: Record<string, string>): string {
  const dir = join(root, name);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), {recursive: true});
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

// Reads the checkpoint and prints what a restart needs as one JSON object (or the error).
const reader = `
import json, sys
sys.path.insert(0, sys.argv[1])
from checkpoint_utils import CheckpointError, describe, read_checkpoint, resume_starting_offsets
try:
    state = read_checkpoint(sys.argv[2])
    try:
        resume = resume_starting_offsets(state)
    except CheckpointError as error:
        resume = "error: " + str(error)
    print(json.dumps({
        "queryId": state.query_id,
        "planned": [entry.batch_id for entry in state.offsets],
        "committed": [entry.batch_id for entry in state.commits],
        "rerun": state.batch_to_rerun.batch_id if state.batch_to_rerun else None,
        "watermarks": [entry.batch_watermark_ms for entry in state.offsets],
        "sources": [list(entry.sources) for entry in state.offsets],
        "commitVersions": [entry.version for entry in state.commits],
        "nextWatermark": [entry.next_batch_watermark_ms for entry in state.commits],
        "resume": resume,
        "describe": describe(state),
    }))
except CheckpointError as error:
    print(json.dumps({"error": str(error)}))
`;

function read(dir: string): Record<string, unknown> {
  const result = spawnSync(python, ['-B', '-c', reader, moduleDir, dir], {encoding: 'utf8'});
  if (result.error) {
    throw new Error(`${python} is missing: apt-get install -y python3`);
  }
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

describe('checkpoint_utils reads the offsets and commits logs as Spark writes them', () => {
  it('finds the batch a restart reruns and the offsets a new checkpoint resumes from', () => {
    const dir = checkpoint('crash-after-sink', {
      metadata: `{"id":"${queryId}"}`,
      'offsets/0': offsets(0, ['{"mfg.sensor-events.validated":{"0":0,"1":0}}']),
      'offsets/1': offsets(0, ['{"mfg.sensor-events.validated":{"1":1187,"0":1200}}']),
      'offsets/2': offsets(1781596800000, ['{"mfg.sensor-events.validated":{"0":2400,"1":2391}}']),
      'offsets/.2.crc': 'crc',
      'offsets/.3.a1b2.tmp': 'partial',
      'commits/0': 'v1\n{"nextBatchWatermarkMs":0}',
      'commits/1': 'v1\n{"nextBatchWatermarkMs":1781596800000}',
      'commits/.1.crc': 'crc',
    });
    expect(read(dir)).toMatchObject({
      queryId,
      planned: [0, 1, 2],
      committed: [0, 1],
      rerun: 2,
      // The watermark batch 2 runs with is the one batch 1's commit recorded for the next batch.
      watermarks: [0, 0, 1781596800000],
      nextWatermark: [0, 1781596800000],
      resume: '{"mfg.sensor-events.validated":{"0":1200,"1":1187}}',
      describe: [
        `query id ${queryId}`,
        'last planned batch 2',
        'last committed batch 1',
        'a restart on this checkpoint reruns batch 2 with the same offsets',
        'next batch watermark 1781596800000 ms',
      ],
    });
  });

  it('reads a source without an offset ("-"), an empty metadata line and a v2 commit log', () => {
    const dir = checkpoint('two-sources', {
      metadata: `{"id":"${queryId}"}`,
      'offsets/0': ['v1', '', '-', '{"logOffset":3}'].join('\n'),
      'commits/0': 'v2\n{"nextBatchWatermarkMs":0,"stateUniqueIds":{"0":[["5f0c"]]}}',
    });
    expect(read(dir)).toMatchObject({planned: [0], committed: [0], rerun: null, watermarks: [0], sources: [[null, {logOffset: 3}]], commitVersions: [2]});
    expect(String(read(dir).resume)).toMatch(/^error: source 0 of batch 0 is not a Kafka source offset/);
  });

  it('refuses to invent resume offsets before the first commit', () => {
    const dir = checkpoint('never-committed', {
      metadata: `{"id":"${queryId}"}`,
      'offsets/0': offsets(0, ['{"mfg.sensor-events.validated":{"0":0}}']),
    });
    expect(read(dir)).toMatchObject({planned: [0], committed: [], rerun: 0, resume: 'error: no committed batch: start the new query from the old startingOffsets instead'});
  });

  it('names malformed and unknown log versions', () => {
    const malformed = checkpoint('malformed', {metadata: `{"id":"${queryId}"}`, 'offsets/0': 'x1\n{}'});
    expect(read(malformed).error).toMatch(/offsets\/0: malformed log file, first line is 'x1', expected v1$/);
    const newer = checkpoint('newer', {metadata: `{"id":"${queryId}"}`, 'offsets/0': 'v9\n{}'});
    expect(read(newer).error).toMatch(/offsets\/0: log version v9 is not one this module reads$/);
    expect(read(join(root, 'missing')).error).toMatch(/has no metadata file: not a streaming checkpoint$/);
  });
});
