/**
 * The first step of `npm test`: checks that every program the tests call is on this machine and, if one
 * is missing, says which, and the one Debian command that installs them all, before any test runs.
 * `.ci/run` installs the same packages (tests/unit/scripts/check-tools.test.ts keeps the two lists equal).
 */
import {spawnSync} from 'node:child_process';
import {accessSync, constants} from 'node:fs';

/** How a check looks at the machine; injected so the message logic is tested without touching it. */
export interface Lookups {
  /** True when `path` is an executable file. */
  isExecutable(path: string): boolean;
  /** True when `command args…` starts and exits with status 0. */
  runs(command: string, args: readonly string[]): boolean;
}

export interface Tool {
  /** What the tests use it for, in the words of the message. */
  name: string;
  /** The Debian package that brings it. */
  debianPackage: string;
  /** Where the tests look for it, shown when it is missing. */
  where: string;
  present(lookups: Lookups): boolean;
}

/** The Chromium build the e2e tests drive (playwright.config.ts reads the same variable). */
export function chromiumPath(env: NodeJS.ProcessEnv): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** Every program a test starts (grep tests/ for execFile and spawn), with its Debian package. */
export function requiredTools(env: NodeJS.ProcessEnv): Tool[] {
  const chromium = chromiumPath(env);
  return [
    {
      name: 'Chromium (the e2e tests drive it headless)',
      debianPackage: 'chromium',
      where: env.CHROMIUM_PATH === undefined ? `${chromium} (or set CHROMIUM_PATH to another Chromium build)` : `${chromium} (from CHROMIUM_PATH)`,
      present: (lookups) => lookups.isExecutable(chromium),
    },
    {
      name: 'python3 (Python modules are parsed with ast)',
      debianPackage: 'python3',
      where: 'python3 on PATH',
      present: (lookups) => lookups.runs('python3', ['--version']),
    },
    {
      name: 'pyflakes for Debian’s Python (Python modules are checked with it)',
      debianPackage: 'python3-pyflakes',
      where: '/usr/bin/python3 -m pyflakes',
      present: (lookups) => lookups.runs('/usr/bin/python3', ['-m', 'pyflakes', '--version']),
    },
    {
      name: 'shellcheck (shell scripts next to the pages)',
      debianPackage: 'shellcheck',
      where: 'shellcheck on PATH',
      present: (lookups) => lookups.runs('shellcheck', ['--version']),
    },
    {
      name: 'yamllint (YAML files next to the pages)',
      debianPackage: 'yamllint',
      where: 'yamllint on PATH',
      present: (lookups) => lookups.runs('yamllint', ['--version']),
    },
    {
      name: 'promtool (Prometheus rules and their unit tests)',
      debianPackage: 'prometheus',
      where: 'promtool on PATH',
      present: (lookups) => lookups.runs('promtool', ['--version']),
    },
    {
      name: 'amtool (the Alertmanager configuration)',
      debianPackage: 'prometheus-alertmanager',
      where: 'amtool on PATH',
      present: (lookups) => lookups.runs('amtool', ['--version']),
    },
  ];
}

/** The tools that are missing; empty when the tests can run. */
export function missingTools(tools: readonly Tool[], lookups: Lookups): Tool[] {
  return tools.filter((tool) => !tool.present(lookups));
}

/** What to print when tools are missing: each one, where it was looked for, and the command that installs them. */
export function missingToolsMessage(missing: readonly Tool[]): string {
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))];
  return [
    `npm test needs ${missing.length === 1 ? 'a program that is' : `${missing.length} programs that are`} not on this machine:`,
    ...missing.map((tool) => `  - ${tool.name}: looked for ${tool.where}`),
    '',
    'Install on Debian (as root):',
    `  apt-get update && apt-get install -y ${packages.join(' ')}`,
    '',
    '.ci/run installs them, then runs npm ci and npm test.',
  ].join('\n');
}

const machine: Lookups = {
  isExecutable(path) {
    try {
      accessSync(path, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  },
  runs(command, args) {
    const result = spawnSync(command, args, {stdio: 'ignore', timeout: 30_000});
    return result.error === undefined && result.status === 0;
  },
};

// Run as `tsx scripts/check-tools.ts` (the first step of npm test); imported by its unit test, it only exports.
if (/check-tools\.ts$/.test(process.argv[1] ?? '')) {
  const missing = missingTools(requiredTools(process.env), machine);
  if (missing.length > 0) {
    console.error(missingToolsMessage(missing));
    process.exit(1);
  }
}
