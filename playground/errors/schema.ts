import * as z from 'zod';

/** The systems an error comes from. */
export const errorSystems = ['Kafka', 'Spark', 'Delta', 'Databricks', 'JVM/TLS'] as const;
export type ErrorSystem = (typeof errorSystems)[number];

/** The troubleshooting playbooks an entry can belong to (pages under docs/10-production-playbooks/troubleshooting). */
export const playbooks = [
  'schema-evolution-errors',
  'kafka-auth-failures',
  'delta-merge-conflicts',
  'checkpoint-recovery',
  'performance-degradation',
  'data-skew-issues',
  'out-of-memory-errors',
] as const;
export type Playbook = (typeof playbooks)[number];

const text = z.string().trim().min(1);

const fixSchema = z.strictObject({
  title: text,
  /** Code to apply the fix, if any: PySpark, SQL, shell, Java properties or Scala. */
  code: text.optional(),
  language: z.enum(['python', 'sql', 'bash', 'properties', 'scala', 'text']).optional(),
});

/**
 * One error as a system raises it. `code` is the error class or condition exactly as printed in
 * brackets (`DELTA_FAILED_TO_MERGE_FIELDS`, `DELTA_METADATA_MISMATCH.SCHEMA_MISMATCH`), or, for
 * errors without one (Kafka, JVM), the fully qualified exception class. `message` is the text as
 * the system prints it with every variable part written as `<name>`.
 */
export const errorEntrySchema = z
  .strictObject({
    code: z.string().regex(/^(?:[A-Z][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)?|[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\.[A-Z][A-Za-z0-9]*)$/, 'An error class (UPPER_CASE, one optional .SUB_CLASS) or a fully qualified exception class.'),
    system: z.enum(errorSystems),
    /** The SQLSTATE of an error class; null for exceptions that carry none. */
    sqlState: z.string().regex(/^[0-9A-Z]{5}$/).nullable(),
    /**
     * The concrete exception that carries it, fully qualified; null when the vendor does not publish it
     * (Databricks documents error conditions, not the classes behind them). Never an interface such as
     * org.apache.spark.SparkThrowable.
     */
    exceptionClass: z
      .string()
      .regex(/^[a-z][a-z0-9_]*(?:\.[a-z][a-z0-9_]*)+\.[A-Z][A-Za-z0-9$]*$/, 'A fully qualified Java class name.')
      .refine((name) => name !== 'org.apache.spark.SparkThrowable', 'SparkThrowable is an interface: name the concrete class, or null when it is not known.')
      .nullable(),
    message: text,
    /** Other texts that identify the same error without its code (a log line, a JDK cause). Placeholders as in `message`. */
    alsoMatches: z
      .array(text.refine((value) => !/^[A-Z_][A-Z0-9_]*(?:\.[A-Z][A-Z0-9_]*)?$/.test(value), 'A bare error class is not a message text: put a former code in formerCodes.'))
      .default([]),
    /**
     * Error classes that earlier releases printed for the same error (`_LEGACY_ERROR_TEMP_DELTA_0007`).
     * Several entries can share one; the decoder then tells them apart by the message.
     */
    formerCodes: z.array(z.string().regex(/^[A-Z_][A-Z0-9_]*$/)).default([]),
    /**
     * Kafka protocol error names (`org.apache.kafka.common.protocol.Errors`) that the client maps to
     * this exception, as its log lines print them: `{plant017.telemetry=TOPIC_AUTHORIZATION_FAILED}`.
     */
    protocolErrors: z.array(z.string().regex(/^[A-Z][A-Z0-9_]+$/)).default([]),
    /**
     * The error only reports another one (its cause, in its message or its Caused by): a decoder never
     * ranks it above a cause it found.
     */
    wrapper: z.boolean().default(false),
    /** Which releases the entry holds for, e.g. "Delta 3.0+", "Kafka clients 2.x–4.x", "Spark 3.4+". */
    versions: text,
    meaning: text,
    causes: z.array(text).min(1),
    diagnostics: z.array(text).min(1),
    fixes: z.array(fixSchema).min(1),
    prevention: z.array(text).min(1),
    /** Codes of related entries in the catalog. */
    related: z.array(z.string()).default([]),
    playbook: z.enum(playbooks),
  })
  .superRefine((entry, context) => {
    if (/^[A-Z]/.test(entry.code) && entry.sqlState === null && !entry.code.startsWith('_LEGACY')) {
      context.addIssue({code: 'custom', path: ['sqlState'], message: `${entry.code} is an error class: give its SQLSTATE.`});
    }
  });

export type ErrorEntryInput = z.input<typeof errorEntrySchema>;
export type ErrorEntry = z.output<typeof errorEntrySchema>;
