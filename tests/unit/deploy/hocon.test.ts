import {execFileSync} from 'node:child_process';
import {readFileSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {resolveHocon, type HoconResult} from '../../../playground/deploy/hocon';

const confDir = join(__dirname, '../../../docs/06-databricks-deployment/hocon-configurations/conf');
const files: Record<string, string> = {
  'application.conf': readFileSync(join(confDir, 'application.conf'), 'utf8'),
  ...Object.fromEntries(readdirSync(join(confDir, 'environments')).map((file) => [`environments/${file}`, readFileSync(join(confDir, 'environments', file), 'utf8')])),
};

function ok(result: HoconResult) {
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result;
}

const valueAt = (result: HoconResult, path: string) => ok(result).values.find((value) => value.path === path)!;

describe('resolveHocon: the environment files over application.conf', () => {
  it('resolves a substitution in the base after the override: prod.conf sets env, application.conf derives the catalog', async () => {
    const prod = await resolveHocon(files, 'prod');
    expect(valueAt(prod, 'platform.catalog')).toMatchObject({value: 'mfg_prod', location: {file: 'application.conf', line: 5}});
    expect(valueAt(prod, 'platform.env')).toMatchObject({value: 'prod', location: {file: 'environments/prod.conf', line: 6}});
    expect(valueAt(prod, 'streaming.checkpoint-root').value).toBe('/Volumes/mfg_prod/ops/checkpoints');
  });

  it('shows an unset ${?VAR} as such: the earlier value stays', async () => {
    const prod = await resolveHocon(files, 'prod');
    const servers = valueAt(prod, 'kafka.bootstrap-servers');
    expect(servers.location).toMatchObject({file: 'environments/prod.conf', line: 11});
    expect(servers.unsetOverrides).toEqual([
      {variable: 'KAFKA_BOOTSTRAP_SERVERS', location: {file: 'application.conf', line: 11, column: 3}},
      {variable: 'KAFKA_BOOTSTRAP_SERVERS', location: {file: 'environments/prod.conf', line: 12, column: 3}},
    ]);
  });

  it('takes a set variable where its ${?VAR} line comes last', async () => {
    const prod = await resolveHocon(files, 'prod', {KAFKA_BOOTSTRAP_SERVERS: 'broker-dr-1.plant.example:9093'});
    expect(valueAt(prod, 'kafka.bootstrap-servers')).toMatchObject({
      value: 'broker-dr-1.plant.example:9093',
      fromEnvironment: 'KAFKA_BOOTSTRAP_SERVERS',
      location: {file: 'environments/prod.conf', line: 12},
    });
  });

  it('lets a later plain assignment shadow the variable: MAX_OFFSETS_PER_TRIGGER does not reach prod', async () => {
    const prod = await resolveHocon(files, 'prod', {MAX_OFFSETS_PER_TRIGGER: '5000'});
    expect(valueAt(prod, 'kafka.max-offsets-per-trigger')).toMatchObject({
      value: 1000000,
      location: {file: 'environments/prod.conf', line: 14},
      shadowedOverrides: [{variable: 'MAX_OFFSETS_PER_TRIGGER', location: {file: 'application.conf', line: 23}}],
    });
    const qa = await resolveHocon(files, 'qa', {MAX_OFFSETS_PER_TRIGGER: '5000'});
    expect(valueAt(qa, 'kafka.max-offsets-per-trigger')).toMatchObject({value: '5000', fromEnvironment: 'MAX_OFFSETS_PER_TRIGGER'});
  });

  it('never reads this process environment', async () => {
    process.env.KAFKA_SECRET_SCOPE = 'from-the-test-runner';
    try {
      expect(valueAt(await resolveHocon(files, 'dev'), 'kafka.secret-scope').value).toBe('mfg-kafka-dev');
    } finally {
      delete process.env.KAFKA_SECRET_SCOPE;
    }
  });

  it('reports a syntax error in an included file with that file and line', async () => {
    const broken = {...files, 'application.conf': files['application.conf']!.replace('plants = [DE01, DE02]', 'plants = [DE01, DE02')};
    const result = await resolveHocon(broken, 'prod');
    expect(result).toMatchObject({ok: false, problems: [{severity: 'error', file: 'application.conf', line: 7}]});
  });

  it('reports a missing substitution with its line', async () => {
    const broken = {...files, 'environments/prod.conf': `${files['environments/prod.conf']}\nalerts.channel = \${slack.channel}\n`};
    const result = await resolveHocon(broken, 'prod');
    expect(result).toMatchObject({ok: false, problems: [{message: "Unable to resolve 'slack.channel'.", file: 'environments/prod.conf', line: 17}]});
  });

  it('reads includes from the files given, not from the disk; a missing include is skipped as HOCON specifies, unless required', async () => {
    const prod = files['environments/prod.conf']!;
    // HOCON.md "Include semantics: missing files": an include that cannot be found is silently ignored.
    const skipped = await resolveHocon({...files, 'environments/prod.conf': prod.replace('"../application.conf"', '"../base.conf"')}, 'prod');
    expect(ok(skipped).values.map((value) => value.path)).not.toContain('platform.catalog');
    expect(await resolveHocon({...files, 'environments/prod.conf': prod.replace('include "../application.conf"', 'include required("../base.conf")')}, 'prod')).toEqual({
      ok: false,
      problems: [{severity: 'error', message: 'Unable to include the resource "required(../base.conf)".', file: 'environments/prod.conf', line: 3, column: 9}],
    });
    const moved = {'base.conf': files['application.conf']!, 'environments/prod.conf': prod.replace('"../application.conf"', '"../base.conf"')};
    expect(valueAt(await resolveHocon(moved, 'prod'), 'platform.catalog')).toMatchObject({value: 'mfg_prod', location: {file: 'base.conf', line: 5}});
  });

  it('names the environments it has when asked for another', async () => {
    const result = await resolveHocon(files, 'staging');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]!.message).toMatch(/environments\/staging.conf not found/);
  });
});

describe('resolveHocon loaded twice in one process', () => {
  it('keeps the provenance when the module is loaded twice (regression: the build lost every file and line)', () => {
    // A loader without a require cache (jiti, as @docusaurus/utils loadFreshModule uses) gives two copies of
    // this module, while the library's class registry is per process. Two fresh copies in one plain Node process.
    const script = `
      const jiti = require('jiti')(process.cwd() + '/package.json', {cache: false, requireCache: false, interopDefault: true});
      const files = JSON.parse(process.argv[2]);
      (async () => {
        await jiti(process.argv[1]).resolveHocon(files, 'prod');
        const result = await jiti(process.argv[1]).resolveHocon(files, 'prod');
        process.stdout.write(JSON.stringify(result.ok ? result.values.find((value) => value.path === 'platform.catalog') : result));
      })();`;
    const output = execFileSync(process.execPath, ['-e', script, join(__dirname, '../../../playground/deploy/hocon.ts'), JSON.stringify(files)], {cwd: join(__dirname, '../../..'), encoding: 'utf8'});
    expect(JSON.parse(output)).toMatchObject({value: 'mfg_prod', location: {file: 'application.conf', line: 5}});
  }, 60_000);
});
