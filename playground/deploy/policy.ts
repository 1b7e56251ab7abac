import {clusterPolicySchema} from './schema';
import {get, type Location, type Value} from './tree';

/** A job cluster setting the cluster policy would refuse. */
export interface PolicyFinding {
  job: string;
  cluster: string;
  /** The policy's attribute path (`autoscale.max_workers`, `custom_tags.cost_center`). */
  attribute: string;
  value: unknown;
  message: string;
  location: Location;
}

export type PolicyCheck = {ok: true; findings: PolicyFinding[]} | {ok: false; message: string};

const reference = /\$\{[^}]+\}/;

/** Maps whose keys may contain dots: the rest of a policy path after them is one key. */
const freeFormMaps = ['spark_conf', 'spark_env_vars', 'custom_tags'];

function attributeValue(cluster: Value, attribute: string): Value | undefined {
  const map = freeFormMaps.find((name) => attribute.startsWith(`${name}.`));
  if (map) return get(get(cluster, map), attribute.slice(map.length + 1));
  let current: Value | undefined = cluster;
  for (const part of attribute.split('.')) current = get(current, part);
  return current;
}

/**
 * Checks every job cluster of the resolved jobs against a cluster policy definition, by the
 * limitation types of the Databricks compute policy reference: `fixed` (a set value must equal the
 * policy's), `forbidden` (must not be set), `allowlist` and `blocklist`, and `range` (minValue and
 * maxValue). `regex` and `unlimited` rules are not checked offline, and values the CLI has not
 * resolved yet (`${...}`) are skipped. Attributes a cluster leaves out are filled by the policy.
 */
export function checkClusterPolicy(config: Value, policyText: string, policyName: string): PolicyCheck {
  let parsed: unknown;
  try {
    parsed = JSON.parse(policyText);
  } catch (error) {
    return {ok: false, message: `The policy is not JSON: ${error instanceof Error ? error.message : String(error)}`};
  }
  const policy = clusterPolicySchema.safeParse(parsed);
  if (!policy.success) return {ok: false, message: `The policy does not match the policy definition rules: ${policy.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`};

  const findings: PolicyFinding[] = [];
  const jobs = get(get(config, 'resources'), 'jobs');
  for (const [job, definition] of jobs?.kind === 'map' ? jobs.entries : []) {
    const clusters = get(definition, 'job_clusters');
    for (const entry of clusters?.kind === 'sequence' ? clusters.items : []) {
      const cluster = get(entry, 'new_cluster');
      if (cluster?.kind !== 'map') continue;
      const name = String(get(entry, 'job_cluster_key')?.value ?? '');
      for (const [attribute, rule] of Object.entries(policy.data)) {
        const found = attributeValue(cluster, attribute);
        if (found === undefined || found.kind === 'nil') continue;
        const value = found.kind === 'map' || found.kind === 'sequence' ? undefined : found.value;
        if (typeof value === 'string' && reference.test(value)) continue;
        const refuse = (message: string) => findings.push({job, cluster: name, attribute, value, message: `${attribute} = ${JSON.stringify(value)}: ${message} (policy ${policyName})`, location: found.location});
        if (rule.type === 'forbidden') refuse('the policy forbids setting it');
        else if (rule.type === 'fixed' && value !== rule.value) refuse(`the policy fixes it to ${JSON.stringify(rule.value)}`);
        else if (rule.type === 'allowlist' && !rule.values!.includes(value as string)) refuse(`not one of ${rule.values!.join(', ')}`);
        else if (rule.type === 'blocklist' && rule.values!.includes(value as string)) refuse('the policy blocks this value');
        else if (rule.type === 'range') {
          const number = typeof value === 'number' ? value : Number(value);
          if (!Number.isFinite(number)) refuse('the policy allows a number here');
          else if (rule.maxValue !== undefined && number > rule.maxValue) refuse(`above the policy's maxValue ${rule.maxValue}`);
          else if (rule.minValue !== undefined && number < rule.minValue) refuse(`below the policy's minValue ${rule.minValue}`);
        }
      }
    }
  }
  return {ok: true, findings};
}
