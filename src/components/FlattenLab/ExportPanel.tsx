import type {ReactNode} from 'react';
import {flattenPlanToPySpark, flattenPlanToSparkSql, type FlattenPlan} from '@site/playground';
import SparkExport from '@site/src/components/SparkExport';

const tables = [
  {option: 'sourceTable', label: 'Source table', defaultName: 'mfg_prod.bronze.sensor_events'},
  {option: 'targetTable', label: 'Target table', defaultName: 'mfg_prod.silver.sensor_events_flat'},
];

/** The plan as PySpark or Spark SQL for the reader's own tables. */
export function ExportPanel({plan}: {plan: FlattenPlan}): ReactNode {
  return (
    <SparkExport
      name="flatten-export"
      tables={tables}
      formats={[
        {id: 'pyspark', label: 'PySpark', language: 'python', fileName: 'flatten_custom_extension.py', render: (names) => flattenPlanToPySpark(plan, names)},
        {id: 'sparksql', label: 'Spark SQL', language: 'sql', fileName: 'flatten_custom_extension.sql', render: (names) => flattenPlanToSparkSql(plan, names)},
      ]}
    />
  );
}
