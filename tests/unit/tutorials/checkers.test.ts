import {describe, expect, it} from 'vitest';
import {
  checkEventLogAnswer,
  checkIncidentAnswer,
  checkKafkaAnswer,
  checkStreamAnswer,
  errorCatalog,
  explainProblem,
  incidentAnswer,
  loadDataset,
  parseDelay,
  parseKafkaProperties,
  parseLesson,
  parseStreamSpec,
  readIncidentAnswer,
  tutorialEventLogChecker,
  tutorialIncidentCatalog,
  tutorialKafkaChecker,
  tutorialLessons,
  tutorialStreamChecker,
  type CheckResult,
  type IncidentExercise,
  type KafkaExercise,
  type StreamExercise,
} from '../../../playground';
import {nodeEngineForFile} from '../nodeEngine';

const explanation = (result: CheckResult) => result.problems.map(explainProblem).join('\n');
const exercises = tutorialLessons.flatMap((lesson) => lesson.exercises);
const byId = <T>(id: string) => exercises.find((exercise) => exercise.id === id) as T;

describe('Kafka client configurations', () => {
  it('reads properties: comments, the kafka. prefix, ":" separators and continued lines, the last value winning', () => {
    const {settings, lines, problems} = parseKafkaProperties(
      ['# plant 03', '! also a comment', 'kafka.security.protocol = SASL_SSL', 'sasl.mechanism: SCRAM-SHA-512', 'sasl.jaas.config=kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule \\', '   required username="u" password="{password}";', 'security.protocol=SSL'].join('\n'),
    );
    expect(problems).toEqual([]);
    expect(settings).toEqual({
      'security.protocol': 'SSL',
      'sasl.mechanism': 'SCRAM-SHA-512',
      'sasl.jaas.config': 'kafkashaded.org.apache.kafka.common.security.scram.ScramLoginModule required username="u" password="{password}";',
    });
    expect(lines['security.protocol']).toBe(7);
  });

  it('names the line of a setting without a value and of a misspelt key', () => {
    const {problems} = parseKafkaProperties('security.protocol=SASL_SSL\nsasl.mechanism\nssl.truststore.locaton=/tmp/x.p12');
    expect(problems.map(explainProblem)).toEqual([
      'Line 2: `sasl.mechanism` has no value: write one setting per line as key=value.',
      expect.stringMatching(/^Line 3: `ssl\.truststore\.locaton` is not one of the security settings this exercise reads \(.*ssl\.truststore\.location.*\); check its spelling\./),
    ]);
  });

  const exercise = byId<KafkaExercise>('shaded-jaas');

  it('a SASL protocol without sasl.jaas.config fails with the IllegalArgumentException Kafka throws (JaasContext.defaultContext)', () => {
    const result = checkKafkaAnswer(exercise, 'bootstrap.servers=broker-1.plant-03.example:9093\nsecurity.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512', tutorialKafkaChecker);
    expect(result.passed).toBe(false);
    expect(explanation(result)).toContain("java.lang.IllegalArgumentException: Could not find a 'KafkaClient' entry in the JAAS configuration.");
  });

  it('a required setting that is missing is named with its expected value; warnings outside failOnRules do not fail', () => {
    const missing = checkKafkaAnswer(exercise, exercise.solution.replace('security.protocol=SASL_SSL\n', ''), tutorialKafkaChecker);
    expect(missing.problems[0]).toEqual({kind: 'kafka-setting', key: 'security.protocol', expected: 'SASL_SSL', actual: null});
    // Port 9092 conventionally serves plaintext listeners: an info finding, not a failure.
    const otherPort = checkKafkaAnswer(exercise, exercise.solution.replaceAll(':9093', ':9092'), tutorialKafkaChecker);
    expect(otherPort).toEqual({passed: true, problems: []});
    expect(checkKafkaAnswer(exercise, '  \n', tutorialKafkaChecker).problems).toEqual([{kind: 'empty-answer'}]);
  });

  it('a finding carries the line of its setting', () => {
    const mismatch = byId<KafkaExercise>('mechanism-and-protocol');
    const result = checkKafkaAnswer(mismatch, mismatch.starter, tutorialKafkaChecker);
    const found = result.problems.flatMap((problem) => (problem.kind === 'kafka-finding' ? [[problem.rule, problem.line]] : []));
    expect(found).toEqual(expect.arrayContaining([['module-mechanism-mismatch', 4], ['mechanism-without-sasl', 3]]));
    expect(explanation(result)).toContain('Line 3: sasl.mechanism is SCRAM-SHA-512 but security.protocol is SSL: the client never authenticates.');
  });
});

describe('watermark delays', () => {
  it('reads the interval strings withWatermark takes', () => {
    expect(parseDelay('5 hours')).toBe(5 * 3_600_000);
    expect(parseDelay('1 hour')).toBe(3_600_000);
    expect(parseDelay(' 90 Minutes ')).toBe(90 * 60_000);
    expect(parseDelay('interval 30 seconds')).toBe(30_000);
    expect(parseDelay('2 days')).toBe(2 * 86_400_000);
    expect(parseDelay('5h')).toBeNull();
    expect(parseDelay('ten minutes')).toBeNull();
    expect(parseDelay('-1 hour')).toBeNull();
  });

  it('every stream exercise runs a spec the simulator accepts', () => {
    for (const exercise of exercises.filter((candidate): candidate is StreamExercise => candidate.kind === 'stream')) {
      expect(() => parseStreamSpec({...exercise.spec, watermarkDelayMs: parseDelay(exercise.solution)})).not.toThrow();
      expect(parseDelay(exercise.maxDelay)).not.toBeNull();
    }
  });

  describe('on the simulator', () => {
    const engine = nodeEngineForFile();
    const exercise = byId<StreamExercise>('outage-watermark');

    it('a query Spark refuses to start is explained with its error', async () => {
      await loadDataset(engine, exercise.datasets[0]!);
      const refused: StreamExercise = {...exercise, spec: {...exercise.spec, query: {kind: 'window', sizeMs: 3_600_000, outputMode: 'update'}}};
      const result = await checkStreamAnswer(engine, refused, '5 hours', tutorialStreamChecker);
      expect(explanation(result)).toBe('The query does not start: [DELTA_UNSUPPORTED_OUTPUT_MODE] Data source org.apache.spark.sql.delta.sources.DeltaDataSource does not support Update output mode');
    }, 60_000);

    it('a delay that keeps everything but waits too long names both facts', async () => {
      const result = await checkStreamAnswer(engine, exercise, '1 day', tutorialStreamChecker);
      expect(result.problems).toEqual([{kind: 'stream-delay-too-long', delay: '1 day', maxDelay: '6 hours'}]);
    }, 60_000);
  });
});

describe('incident answers', () => {
  const incidents = exercises.filter((exercise): exercise is IncidentExercise => exercise.kind === 'incident');
  const fixTitles = new Set(errorCatalog.flatMap((entry) => entry.fixes.map((fix) => fix.title)));

  it.each(incidents.map((exercise) => [exercise.id, exercise] as const))('%s: the decoder finds the solution’s root cause, and every fix offered is a fix of the catalog', (_, exercise) => {
    const solution = readIncidentAnswer(exercise.solution);
    expect(tutorialIncidentCatalog.decode(exercise.log).rootCause).toBe(solution.code);
    const entry = tutorialIncidentCatalog.entry(solution.code)!;
    expect(entry.playbook).toBe(solution.playbook);
    expect(entry.fixes).toContain(exercise.fix);
    for (const fix of exercise.fixChoices) expect(fixTitles.has(fix), fix).toBe(true);
  });

  const exercise = byId<IncidentExercise>('rotated-password');

  it('accepts the code as the log prints it: Databricks’ kafkashaded. prefix, brackets, surrounding space', () => {
    const solution = readIncidentAnswer(exercise.solution);
    expect(checkIncidentAnswer(exercise, incidentAnswer({...solution, code: ' kafkashaded.org.apache.kafka.common.errors.SaslAuthenticationException '}), tutorialIncidentCatalog).passed).toBe(true);
    const drill = byId<IncidentExercise>('decode-the-trace');
    expect(checkIncidentAnswer(drill, incidentAnswer({...readIncidentAnswer(drill.solution), code: '[DELTA_MERGE_INCOMPATIBLE_DATATYPE]'}), tutorialIncidentCatalog).passed).toBe(true);
  });

  it('an empty or damaged answer asks for all three parts', () => {
    for (const answer of ['', '{not json', incidentAnswer({})]) {
      expect(checkIncidentAnswer(exercise, answer, tutorialIncidentCatalog).problems).toEqual([
        {kind: 'incident-missing', part: 'code'},
        {kind: 'incident-missing', part: 'playbook'},
        {kind: 'incident-missing', part: 'fix'},
      ]);
    }
  });

  it('refuses an exercise whose log the decoder does not recognise', () => {
    const unknown: IncidentExercise = {...exercise, log: 'com.example.plant.mes.MesClientException: MES endpoint returned 503'};
    expect(() => checkIncidentAnswer(unknown, exercise.solution, tutorialIncidentCatalog)).toThrow('the decoder recognises no root cause in its log');
  });

  it('the right fix must be one of the choices', () => {
    const lesson = tutorialLessons.find(({id}) => id === 'day-5')!;
    const [first, ...rest] = lesson.exercises;
    expect(() => parseLesson({...lesson, exercises: [{...(first as IncidentExercise), fix: 'Something else'}, ...rest]})).toThrow('The right fix must be one of fixChoices.');
  });
});

describe('event-log answers', () => {
  it('summarises the sample log stage by stage, and the analysis names the skewed stage', () => {
    const exercise = exercises.find((candidate) => candidate.id === 'skewed-stage')!;
    if (exercise.kind !== 'eventlog') throw new Error('skewed-stage is an event-log exercise');
    const summary = tutorialEventLogChecker(exercise.log);
    expect(summary.stages.map((stage) => [stage.stageId, stage.tasks])).toEqual([
      [0, 40],
      [1, 10],
      [2, 50],
    ]);
    const skewed = summary.stages.find((stage) => stage.stageId === 2)!;
    expect(skewed.maxTaskMs).toBeGreaterThan(4 * skewed.medianTaskMs);
    expect(summary.findings).toContainEqual({kind: 'skew', stageId: 2});
    // The same log is analysed once.
    expect(tutorialEventLogChecker(exercise.log)).toBe(summary);
    expect(checkEventLogAnswer(exercise, ' 2 ', tutorialEventLogChecker)).toEqual({passed: true, problems: []});
    expect(checkEventLogAnswer(exercise, '', tutorialEventLogChecker).problems).toEqual([{kind: 'empty-answer'}]);
    expect(checkEventLogAnswer(exercise, '-1', tutorialEventLogChecker).problems).toEqual([{kind: 'stage-syntax', text: '-1'}]);
  });
});
