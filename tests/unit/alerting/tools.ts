import {spawnSync} from 'node:child_process';
import {join} from 'node:path';

export const section = join(__dirname, '../../../docs/09-monitoring-observability');
export const rulesFolder = join(section, 'prometheus-monitoring/rules');
export const alertRulesFile = join(rulesFolder, 'alert-rules.yml');
export const alertmanagerFile = join(section, 'alerting/alertmanager.yml');

const debianPackage = {promtool: 'prometheus', amtool: 'prometheus-alertmanager'} as const;

/**
 * Runs promtool or amtool as a real process. A missing tool fails the test with the Debian package
 * to install (.ci/run installs both), never a skip.
 */
export function runTool(tool: keyof typeof debianPackage, args: string[], cwd?: string): {status: number; output: string} {
  const result = spawnSync(tool, args, {cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024});
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${tool} is not installed: apt-get install -y ${debianPackage[tool]} (.ci/run installs it)` : `${tool} failed to start: ${result.error.message}`);
  }
  return {status: result.status ?? -1, output: `${result.stdout}${result.stderr}`};
}
