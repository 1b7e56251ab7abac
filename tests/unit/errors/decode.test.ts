import {existsSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {createTraceDecoder, decodeStackTrace, errorCatalog, errorEntrySchema, errorSystems, maxTraceChars, playbooks} from '../../../playground';
import {sampleTraces} from '../../../src/components/TraceDecoder/samples';

const sample = (title: string) => sampleTraces.find((candidate) => candidate.title.startsWith(title))!.text;
const docs = join(__dirname, '../../../docs/10-production-playbooks/troubleshooting');

describe('the error catalog', () => {
  it('holds at least 60 valid entries with unique codes, from every system', () => {
    expect(errorCatalog.length).toBeGreaterThanOrEqual(60);
    expect(() => errorEntrySchema.array().parse(errorCatalog)).not.toThrow();
    expect(new Set(errorCatalog.map((entry) => entry.code)).size).toBe(errorCatalog.length);
    expect(new Set(errorCatalog.map((entry) => entry.system))).toEqual(new Set(errorSystems));
  });

  it('gives every error class a SQLSTATE and keeps the [CODE] prefix out of messages', () => {
    for (const entry of errorCatalog) {
      expect(entry.message.startsWith(`[${entry.code}]`), entry.code).toBe(false);
      if (/^[A-Z]/.test(entry.code)) {
        expect(entry.sqlState, entry.code).toMatch(/^[0-9A-Z]{5}$/);
      }
    }
  });

  it('points every entry at a troubleshooting playbook page that exists', () => {
    for (const playbook of playbooks) {
      expect(existsSync(join(docs, `${playbook}.md`)) || existsSync(join(docs, `${playbook}.mdx`)), playbook).toBe(true);
    }
  });

  it('refuses a malformed entry, naming the field', () => {
    const [first] = errorCatalog;
    expect(() => errorEntrySchema.parse({...first, sqlState: 'abc'})).toThrow(/sqlState/);
    expect(() => errorEntrySchema.parse({...first, code: 'not a code'})).toThrow(/error class/);
    expect(() => errorEntrySchema.parse({...first, playbook: 'ask-someone'})).toThrow(/playbook/);
  });
});

describe('decodeStackTrace', () => {
  it('reads a streaming failure to its root cause: STREAM_FAILED → two DELTA_FAILED_TO_MERGE_FIELDS → DELTA_MERGE_INCOMPATIBLE_DATATYPE', () => {
    const result = decodeStackTrace(sample('Silver stream'));
    expect(result.recognised).toBe(true);
    expect(result.chain.map((link) => link.code)).toEqual(['STREAM_FAILED', 'DELTA_FAILED_TO_MERGE_FIELDS', 'DELTA_FAILED_TO_MERGE_FIELDS', 'DELTA_MERGE_INCOMPATIBLE_DATATYPE']);
    expect(result.chain.map((link) => link.exceptionClass)).toEqual([
      'org.apache.spark.sql.streaming.StreamingQueryException',
      'org.apache.spark.sql.delta.DeltaAnalysisException',
      'org.apache.spark.sql.delta.DeltaAnalysisException',
      'org.apache.spark.sql.delta.DeltaAnalysisException',
    ]);
    const [root, ...rest] = result.matches;
    expect(root?.entry.code).toBe('DELTA_MERGE_INCOMPATIBLE_DATATYPE');
    expect(root?.params).toEqual({currentDataType: 'IntegerType', updateDataType: 'StringType'});
    expect(root?.depth).toBe(3);
    expect(rest.map((match) => match.entry.code)).toEqual(['DELTA_FAILED_TO_MERGE_FIELDS', 'STREAM_FAILED']);
    expect(rest[0]?.params).toEqual({currentField: 'telemetry', updateField: 'telemetry'});
    expect(rest[0]?.occurrences).toBeGreaterThan(1);
  });

  it("recognises Kafka's classes behind Databricks' kafkashaded prefix and pulls out the SASL mechanism", () => {
    const result = decodeStackTrace(sample('Databricks: rotated'));
    const sasl = result.matches.find((match) => match.entry.code === 'org.apache.kafka.common.errors.SaslAuthenticationException');
    expect(sasl).toBeDefined();
    expect(Object.values(sasl!.params)).toContain('SCRAM-SHA-512');
    expect(result.chain.at(-1)?.exceptionClass).toBe('org.apache.kafka.common.errors.SaslAuthenticationException');
    expect(result.matches[0]?.entry.code).toBe('org.apache.kafka.common.errors.SaslAuthenticationException');
  });

  it('finds the TLS cause under an SSL handshake failure', () => {
    const codes = decodeStackTrace(sample('New plant broker')).matches.map((match) => match.entry.code);
    expect(codes).toContain('org.apache.kafka.common.errors.SslAuthenticationException');
    expect(codes.some((code) => /SSLHandshakeException|SunCertPathBuilderException|ValidatorException/.test(code))).toBe(true);
  });

  it('says honestly when nothing is recognised, listing the exception classes it saw', () => {
    const result = decodeStackTrace(sample('Something the reference'));
    expect(result.recognised).toBe(false);
    expect(result.matches).toEqual([]);
    expect(result.exceptionClasses).toEqual(['com.example.plant.mes.MesClientException', 'java.net.SocketTimeoutException']);
  });

  it('matches a message without its code, as a template, and reads its values', () => {
    const result = decodeStackTrace('WARN writer: Failed to merge incompatible data types LongType and DecimalType(18,2)');
    expect(result.matches.map((match) => [match.entry.code, match.via, match.params])).toEqual([
      ['DELTA_MERGE_INCOMPATIBLE_DATATYPE', 'message', {currentDataType: 'LongType', updateDataType: 'DecimalType(18,2)'}],
    ]);
  });

  it('finds a trace inside a 1 MB log and refuses anything larger, in words', () => {
    const noise = '26/11/27 03:00:00 INFO MicroBatchExecution: Streaming query made progress: {"numInputRows" : 1200}\n';
    const trace = sample('Silver stream');
    const log = `${noise.repeat(Math.floor((maxTraceChars - trace.length) / noise.length) - 1)}${trace}`;
    expect(log.length).toBeLessThanOrEqual(maxTraceChars);
    expect(decodeStackTrace(log).matches[0]?.entry.code).toBe('DELTA_MERGE_INCOMPATIBLE_DATATYPE');
    expect(() => decodeStackTrace(`${log}${'x'.repeat(maxTraceChars)}`)).toThrow(/more than 1 MB/);
    expect(() => decodeStackTrace(42)).toThrow(/as text/);
  });

  it('works on any catalog: a decoder built from one entry knows only that entry', () => {
    const entry = errorCatalog.find((candidate) => candidate.code === 'DELTA_FAILED_TO_MERGE_FIELDS')!;
    const decoder = createTraceDecoder([entry]);
    expect(decoder.decode(sample('Silver stream')).matches.map((match) => match.entry.code)).toEqual(['DELTA_FAILED_TO_MERGE_FIELDS']);
  });
});
