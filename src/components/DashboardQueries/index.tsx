import type {ReactNode} from 'react';
import Link from '@docusaurus/Link';
import {dashboardPanels} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';
import {metricDefinitions} from './definitions';
import styles from './styles.module.css';

/** A dashboard's panels and queries, each metric linked to the section of the page that defines it. */
export default function DashboardQueries({name, source}: {name: string; source: string}): ReactNode {
  const dashboard = dashboardPanels(source);
  return (
    <div className={frame.tableScroller} tabIndex={0} role="region" aria-label={`Queries of ${name}`}>
      <table className={`${frame.table} ${styles.queries}`} aria-label={`Panels of ${name} and the metrics they read`}>
        <thead>
          <tr>
            <th scope="col">Panel</th>
            <th scope="col">Query</th>
            <th scope="col">Reads</th>
          </tr>
        </thead>
        <tbody>
          {dashboard.panels.flatMap((panel) =>
            panel.queries.map((query, index) => (
              <tr key={`${panel.id}-${index}`}>
                <th scope="row">{panel.title}</th>
                <td>
                  <code>{query.expr}</code>
                </td>
                <td>
                  <ul className={styles.metrics}>
                    {query.metrics.map((metric) => {
                      const definition = metricDefinitions[metric];
                      return (
                        <li key={metric}>
                          {definition === undefined ? (
                            <code>{metric}</code>
                          ) : (
                            <Link to={`${definition.page}#${definition.anchor}`} title={`Defined in ${definition.section}`}>
                              <code>{metric}</code>
                            </Link>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </td>
              </tr>
            )),
          )}
        </tbody>
      </table>
    </div>
  );
}
