import type {ReactNode} from 'react';
import {summarizeWorkflow, type WorkflowJob, type WorkflowTrigger} from '@site/playground';
import frame from '@site/src/components/LabFrame/styles.module.css';

function when(trigger: WorkflowTrigger): ReactNode {
  const branches = trigger.branches ? <> to {trigger.branches.map((branch, index) => <span key={branch}>{index > 0 && ', '}<code>{branch}</code></span>)}</> : null;
  const paths = trigger.paths ? <> touching {trigger.paths.map((path, index) => <span key={path}>{index > 0 && ', '}<code>{path}</code></span>)}</> : null;
  if (trigger.event === 'pull_request') return <>a pull request{branches}{paths}</>;
  if (trigger.event === 'push') return <>a push{branches}{paths}</>;
  if (trigger.event === 'workflow_dispatch') return <>started by hand{trigger.inputs && trigger.inputs.length > 0 && <> (inputs {trigger.inputs.map((input, index) => <span key={input}>{index > 0 && ', '}<code>{input}</code></span>)})</>}</>;
  return <code>{trigger.event}</code>;
}

function auth(job: WorkflowJob): ReactNode {
  if (job.secrets.length > 0) return <>reads secrets {job.secrets.map((secret) => <code key={secret}>{secret}</code>)}</>;
  if (job.authType === 'github-oidc') return <>workload identity federation ({job.idToken ? <code>id-token: write</code> : 'no id-token permission'}){job.environment && <> as the principal of <code>{job.environment}</code></>}</>;
  if (job.authType) return <code>DATABRICKS_AUTH_TYPE={job.authType}</code>;
  return <span>none (no Databricks call)</span>;
}

/** The workflows next to a page, as what each job does and when it runs, read from their YAML by summarizeWorkflow. */
export default function WorkflowSummary({workflows}: {workflows: Record<string, string>}): ReactNode {
  return (
    <>
      {Object.entries(workflows).map(([file, text]) => {
        const result = summarizeWorkflow(file, text);
        if (!result.ok) return <p key={file} role="alert">{file}{result.line ? `:${result.line}` : ''}: {result.message}</p>;
        const workflow = result.workflow;
        return (
          <div key={file} className={frame.tableScroller} tabIndex={0} role="region" aria-label={`Jobs of ${file}, scrollable`}>
            <table className={frame.table} aria-label={`Jobs of ${file}`}>
              <caption>
                <code>{file}</code> runs on {workflow.triggers.map((trigger, index) => <span key={trigger.event}>{index > 0 && '; or on '}{when(trigger)}</span>)}
                {workflow.concurrency && <>. One run at a time per <code>{workflow.concurrency.group}</code>{workflow.concurrency.cancelInProgress ? ', a newer one cancels it' : ', queued, never cancelled'}</>}.
              </caption>
              <thead>
                <tr>
                  <th scope="col">job</th>
                  <th scope="col">after</th>
                  <th scope="col">environment</th>
                  <th scope="col">Databricks authentication</th>
                  <th scope="col">steps</th>
                </tr>
              </thead>
              <tbody>
                {workflow.jobs.map((job) => (
                  <tr key={job.id}>
                    <th scope="row">
                      <code>{job.id}</code>
                      {job.matrix && Object.entries(job.matrix).map(([key, values]) => <div key={key}>for each {key}: {values.map(String).join(', ')}</div>)}
                    </th>
                    <td>{job.needs.length === 0 ? 'starts the run' : job.needs.map((need) => <code key={need}>{need}</code>)}</td>
                    <td>{job.environment ? <code>{job.environment}</code> : '—'}</td>
                    <td>{auth(job)}</td>
                    <td>
                      <ol>
                        {job.steps.map((step) => (
                          <li key={`${step.line}-${step.label}`}>{step.uses ? <code>{step.uses}</code> : step.label === step.run ? <code>{step.run}</code> : step.label}</li>
                        ))}
                      </ol>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
      })}
    </>
  );
}
