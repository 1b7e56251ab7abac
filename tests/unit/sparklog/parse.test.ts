import {describe, expect, it} from 'vitest';
import {analyzeEventLog, EventLogFormatError, generateSampleLog, parseEventLog} from '../../../playground';
import {handWorkedLog} from './fixture';
import {lz4BlockStream, snappyJavaStream, utf8, zstdFrame} from './spark-codecs';

const log = handWorkedLog();
const appId = 'app-20260112060000-0001';

/** The stage numbers that must not change whatever the container of the log. */
function fingerprint(input: Parameters<typeof parseEventLog>[0]) {
  const analysis = analyzeEventLog(parseEventLog(input));
  return analysis.stages.map((stage) => [stage.stageId, stage.status, stage.numCompleteTasks, stage.executorRunTime, stage.shuffleReadBytes]);
}

const expected = fingerprint(log);

describe('parseEventLog: plain logs', () => {
  it('reads the text, its bytes and a CRLF copy alike', () => {
    expect(expected).toEqual([
      [0, 'COMPLETE', 4, 9000, 0],
      [1, 'COMPLETE', 5, 14650, 7500],
      [2, 'SKIPPED', 0, 0, 0],
    ]);
    expect(fingerprint(utf8(log))).toEqual(expected);
    expect(fingerprint(log.replaceAll('\n', '\r\n'))).toEqual(expected);
  });

  it('keeps the application, its Spark version and properties', () => {
    const parsed = parseEventLog(log);
    expect(parsed.application).toMatchObject({id: appId, name: 'mfg_fixture', sparkVersion: '3.5.1', user: 'svc-mfg-jobs'});
    expect(parsed.sparkProperties['spark.executor.cores']).toBe('2');
    expect(parsed.truncated).toBe(false);
    expect(parsed.sqlExecutions).toEqual([expect.objectContaining({executionId: 0, description: 'fixture'})]);
    expect(parsed.source).toMatchObject({layout: 'single', codec: 'none'});
  });
});

describe('parseEventLog: compressed logs, as each Spark codec writes them', () => {
  it('reads zstd (spark.eventLog.compression.codec default)', async () => {
    const bytes = await zstdFrame(utf8(log));
    expect(fingerprint({files: [{name: `${appId}.zstd`, bytes}]})).toEqual(expected);
    expect(parseEventLog(bytes).source.codec).toBe('zstd');
  });

  it('reads lz4 in lz4-java LZ4BlockOutputStream framing, raw and compressed blocks', () => {
    const bytes = lz4BlockStream(utf8(log));
    expect(fingerprint({files: [{name: `${appId}.lz4`, bytes}]})).toEqual(expected);
    // Small blocks do not compress: the stream then holds RAW blocks.
    expect(fingerprint(lz4BlockStream(utf8(log), 64))).toEqual(expected);
  });

  it('rejects an lz4 block whose checksum does not match', () => {
    const bytes = lz4BlockStream(utf8(log));
    bytes[40] = bytes[40]! ^ 0xff;
    expect(() => parseEventLog(bytes)).toThrow(EventLogFormatError);
  });

  it('reads snappy in snappy-java SnappyOutputStream framing', () => {
    expect(fingerprint({files: [{name: `${appId}.snappy`, bytes: snappyJavaStream(utf8(log))}]})).toEqual(expected);
  });

  it('names lzf as unreadable here, with what to do', () => {
    expect(() => parseEventLog({files: [{name: `${appId}.lzf`, bytes: Uint8Array.from([0x5a, 0x56, 0, 1, 2])}]})).toThrow(/compressed with lzf .* which this page does not read/);
  });

  it('refuses a file named as compressed that is not', () => {
    expect(() => parseEventLog({files: [{name: `${appId}.zstd`, bytes: Uint8Array.from([1, 2, 3])}]})).toThrow(/named as a zstd file/);
  });

  it('keeps what decoded when a compressed stream stops early', async () => {
    // A log of several zstd blocks (zstd blocks hold at most 128 KiB), cut in its last block.
    const big = generateSampleLog({scenario: 'skewed-join'});
    const bytes = await zstdFrame(utf8(big));
    const parsed = parseEventLog(bytes.subarray(0, bytes.length - 100));
    expect(parsed.truncated).toBe(true);
    expect(parsed.tasks.length).toBeGreaterThan(100);
    expect(() => parseEventLog(bytes.subarray(0, 200))).toThrow('The zstd stream ends before its first complete block');
    const lz4 = lz4BlockStream(utf8(log), 1024);
    expect(parseEventLog(lz4.subarray(0, lz4.length - 600)).truncated).toBe(true);
  });
});

describe('parseEventLog: rolling logs (eventlog_v2_<appId>)', () => {
  const lines = log.split('\n').filter((line) => line !== '');
  const parts = [lines.slice(0, 20), lines.slice(20, 31), lines.slice(31)].map((part) => `${part.join('\n')}\n`);

  it('reads events_<index>_<appId> files in index order, whatever order they come in', async () => {
    const files = [
      {name: `eventlog_v2_${appId}/events_2_${appId}.lz4`, bytes: lz4BlockStream(utf8(parts[1]!))},
      {name: `eventlog_v2_${appId}/appstatus_${appId}`, bytes: new Uint8Array(0)},
      {name: `eventlog_v2_${appId}/events_10_${appId}`, bytes: utf8('')},
      {name: `eventlog_v2_${appId}/events_3_${appId}.zstd`, bytes: await zstdFrame(utf8(parts[2]!))},
      {name: `eventlog_v2_${appId}/events_1_${appId}`, bytes: utf8(parts[0]!)},
    ].filter((file) => !file.name.includes('events_10_'));
    const parsed = parseEventLog({files});
    expect(parsed.source).toMatchObject({layout: 'rolling', inProgress: false});
    expect(parsed.source.files.map((name) => name.split('/').pop())).toEqual([`events_1_${appId}`, `events_2_${appId}.lz4`, `events_3_${appId}.zstd`]);
    expect(fingerprint({files})).toEqual(expected);
  });

  it('reports an in-progress application and a missing file', () => {
    const parsed = parseEventLog({
      files: [
        {name: `events_1_${appId}`, bytes: parts[0]!},
        {name: `events_3_${appId}`, bytes: parts[2]!},
        {name: `appstatus_${appId}.inprogress`, bytes: ''},
      ],
    });
    expect(parsed.source.inProgress).toBe(true);
    expect(parsed.warnings.map((warning) => warning.message)).toContain('events_2 is missing: the events between the two files are not in the analysis.');
  });

  it('refuses several files that are not one rolling log', () => {
    expect(() => parseEventLog({files: [{name: 'a.log', bytes: log}, {name: 'b.log', bytes: log}]})).toThrow(/none is named events_<index>_<appId>/);
  });
});

describe('parseEventLog: truncated and malformed logs', () => {
  it('tolerates and reports a cut-off last line (a running or crashed application)', () => {
    const cut = log.slice(0, log.lastIndexOf('SparkListenerJobEnd') + 40);
    const parsed = parseEventLog(cut);
    expect(parsed.truncated).toBe(true);
    expect(parsed.warnings.at(-1)?.message).toMatch(/last line is cut off/);
    expect(parsed.jobs[0]?.status).toBe('RUNNING');
    expect(analyzeEventLog(parsed).application.completed).toBe(false);
  });

  it('keeps tasks still running at the end of the log as RUNNING', () => {
    const lines = log.split('\n');
    const lastEnd = lines.map((line) => line.includes('"SparkListenerTaskEnd"')).lastIndexOf(true);
    const parsed = parseEventLog(lines.slice(0, lastEnd).join('\n') + '\n');
    expect(parsed.tasks.filter((task) => task.status === 'RUNNING')).toHaveLength(1);
    expect(parsed.stages.find((stage) => stage.stageId === 1)?.activeTasks).toBe(1);
  });

  it('counts a Resubmitted end of a finished task as failed without adding its metrics again (AppStatusListener.liveTasks)', () => {
    const lines = log.split('\n');
    const end = lines.find((line) => line.includes('"SparkListenerTaskEnd","Stage ID":1') && line.includes('"Reason":"Success"'))!;
    const resubmitted = end.replace('{"Reason":"Success"}', '{"Reason":"Resubmitted"}');
    const jobEnd = lines.findIndex((line) => line.includes('"SparkListenerJobEnd"'));
    const parsed = parseEventLog([...lines.slice(0, jobEnd), resubmitted, ...lines.slice(jobEnd)].join('\n'));
    const stage = analyzeEventLog(parsed).stages.find((candidate) => candidate.stageId === 1)!;
    expect(stage).toMatchObject({numFailedTasks: 2, numCompleteTasks: 5, executorRunTime: 14650});
    const taskId = (JSON.parse(end) as {'Task Info': {'Task ID': number}})['Task Info']['Task ID'];
    expect(parsed.tasks.find((task) => task.taskId === taskId)).toMatchObject({status: 'SUCCESS', endReason: 'Success'});
    expect(parsed.warnings).toEqual([]);
  });

  it('names the line and what was expected for a broken line in the middle', () => {
    const lines = log.split('\n');
    lines[6] = '{"Event":"SparkListenerTaskStart", "Stage ID": 0';
    expect(() => parseEventLog(lines.join('\n'))).toThrow('line 7: expected one JSON object per line (a SparkListener event as JsonProtocol writes it)');
  });

  it('names the file of a rolling log the broken line is in', () => {
    expect(() => parseEventLog({files: [{name: `events_1_${appId}`, bytes: 'not json\n{"Event":"SparkListenerLogStart"}\n'}]})).toThrow(`events_1_${appId}: line 1: expected one JSON object`);
  });

  it('names a missing field of a known event', () => {
    expect(() => parseEventLog('{"Event":"SparkListenerTaskStart","Stage ID":0,"Stage Attempt ID":0}\n')).toThrow('line 1: SparkListenerTaskStart without the object "Task Info" that JsonProtocol writes.');
    expect(() => parseEventLog('{"Event":"SparkListenerApplicationStart","App Name":"x","Timestamp":"yesterday"}\n')).toThrow('line 1: SparkListenerApplicationStart: "Timestamp" should be a number, found "yesterday".');
  });

  it('refuses JSON that is not an event, and empty input', () => {
    expect(() => parseEventLog('[1,2,3]\n')).toThrow(/line 1: expected a JSON object with an "Event" field/);
    expect(() => parseEventLog('')).toThrow('The event log is empty.');
    expect(() => parseEventLog('\n\n')).toThrow('The event log has no events.');
  });

  it('reports progress up to 1', () => {
    const seen: number[] = [];
    parseEventLog(log, {onProgress: (fraction) => seen.push(fraction)});
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((fraction, i) => i === 0 || fraction >= seen[i - 1]!)).toBe(true);
  });
});
