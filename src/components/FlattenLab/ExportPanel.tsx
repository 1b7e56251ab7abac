import {useMemo, useState, type ReactNode} from 'react';
import CodeBlock from '@theme/CodeBlock';
import {flattenPlanToPySpark, flattenPlanToSparkSql, type FlattenPlan} from '@site/playground';
import styles from './styles.module.css';

type Language = 'pyspark' | 'sparksql';

/** The plan as PySpark or Spark SQL for the reader's own tables; a bad table name is explained, the last good code stays. */
export function ExportPanel({plan}: {plan: FlattenPlan}): ReactNode {
  const [language, setLanguage] = useState<Language>('pyspark');
  const [sourceTable, setSourceTable] = useState('mfg_prod.bronze.sensor_events');
  const [targetTable, setTargetTable] = useState('mfg_prod.silver.sensor_events_flat');
  const exported = useMemo(() => {
    try {
      const options = {sourceTable, targetTable};
      return {code: language === 'pyspark' ? flattenPlanToPySpark(plan, options) : flattenPlanToSparkSql(plan, options)};
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return {problem: message.replace(/^flattenPlanTo\w+: /, '').replace('sourceTable:', 'Source table:').replace('targetTable:', 'Target table:')};
    }
  }, [language, plan, sourceTable, targetTable]);
  return (
    <div className={styles.export}>
      <div className={styles.controls}>
        <fieldset className={styles.choice}>
          <legend>Export as</legend>
          {(
            [
              ['pyspark', 'PySpark'],
              ['sparksql', 'Spark SQL'],
            ] as const
          ).map(([value, label]) => (
            <label key={value}>
              <input type="radio" name="flatten-export-language" value={value} checked={language === value} onChange={() => setLanguage(value)} />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <label className={styles.field}>
          Source table
          <input value={sourceTable} onChange={(event) => setSourceTable(event.target.value)} spellCheck={false} />
        </label>
        <label className={styles.field}>
          Target table
          <input value={targetTable} onChange={(event) => setTargetTable(event.target.value)} spellCheck={false} />
        </label>
      </div>
      {'problem' in exported ? (
        <p role="alert" className={styles.problem}>
          {exported.problem}
        </p>
      ) : (
        <CodeBlock language={language === 'pyspark' ? 'python' : 'sql'} title={language === 'pyspark' ? 'flatten_custom_extension.py' : 'flatten_custom_extension.sql'}>
          {exported.code}
        </CodeBlock>
      )}
    </div>
  );
}
