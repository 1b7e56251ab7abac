import {readFileSync} from 'node:fs';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';
import {missingTools, missingToolsMessage, requiredTools, type Lookups} from '../../../scripts/check-tools';

/** A machine that has exactly the executables and commands listed. */
function machineWith(executables: string[], commands: string[]): Lookups & {calls: string[]} {
  const calls: string[] = [];
  return {
    calls,
    isExecutable: (path) => {
      calls.push(path);
      return executables.includes(path);
    },
    runs: (command, args) => {
      calls.push([command, ...args].join(' '));
      return commands.includes(command);
    },
  };
}

const everyCommand = ['python3', '/usr/bin/python3', 'shellcheck', 'yamllint', 'promtool', 'amtool'];

describe('check-tools, the first step of npm test', () => {
  it('finds nothing missing on a machine with every tool, and looks where the tests look', () => {
    const machine = machineWith(['/usr/bin/chromium'], everyCommand);
    expect(missingTools(requiredTools({}), machine)).toEqual([]);
    expect(machine.calls).toEqual([
      '/usr/bin/chromium',
      'python3 --version',
      '/usr/bin/python3 -m pyflakes --version',
      'shellcheck --version',
      'yamllint --version',
      'promtool --version',
      'amtool --version',
    ]);
  });

  it('on a fresh machine names every missing tool and gives one apt-get line for all of them', () => {
    const missing = missingTools(requiredTools({}), machineWith([], []));
    expect(missingToolsMessage(missing)).toBe(
      [
        'npm test needs 7 programs that are not on this machine:',
        '  - Chromium (the e2e tests drive it headless): looked for /usr/bin/chromium (or set CHROMIUM_PATH to another Chromium build)',
        '  - python3 (Python modules are parsed with ast): looked for python3 on PATH',
        '  - pyflakes for Debian’s Python (Python modules are checked with it): looked for /usr/bin/python3 -m pyflakes',
        '  - shellcheck (shell scripts next to the pages): looked for shellcheck on PATH',
        '  - yamllint (YAML files next to the pages): looked for yamllint on PATH',
        '  - promtool (Prometheus rules and their unit tests): looked for promtool on PATH',
        '  - amtool (the Alertmanager configuration): looked for amtool on PATH',
        '',
        'Install on Debian (as root):',
        '  apt-get update && apt-get install -y chromium python3 python3-pyflakes shellcheck yamllint prometheus prometheus-alertmanager',
        '',
        '.ci/run installs them, then runs npm ci and npm test.',
      ].join('\n'),
    );
  });

  it('a python3 without pyflakes (a pyenv Python first on PATH) asks only for python3-pyflakes', () => {
    const machine = machineWith(['/usr/bin/chromium'], everyCommand.filter((command) => command !== '/usr/bin/python3'));
    const message = missingToolsMessage(missingTools(requiredTools({}), machine));
    expect(message).toContain('npm test needs a program that is not on this machine:');
    expect(message).toContain('apt-get update && apt-get install -y python3-pyflakes\n');
  });

  it('CHROMIUM_PATH moves the Chromium check to that build, and says where it came from', () => {
    const env = {CHROMIUM_PATH: '/opt/chromium/chrome'};
    expect(missingTools(requiredTools(env), machineWith(['/opt/chromium/chrome'], everyCommand))).toEqual([]);
    const message = missingToolsMessage(missingTools(requiredTools(env), machineWith(['/usr/bin/chromium'], everyCommand)));
    expect(message).toContain('looked for /opt/chromium/chrome (from CHROMIUM_PATH)');
    expect(message).toContain('apt-get install -y chromium\n');
  });

  it('.ci/run installs every Debian package npm test asks for', () => {
    const ciRun = readFileSync(join(__dirname, '../../../.ci/run'), 'utf8');
    const installed = new Set([...ciRun.matchAll(/missing\+=\(([\w.-]+)\)/g)].map((match) => match[1]));
    // python3 comes with python3-pyflakes, which depends on it.
    const needed = requiredTools({}).map((tool) => tool.debianPackage).filter((name) => name !== 'python3');
    expect(needed.filter((name) => !installed.has(name))).toEqual([]);
  });

  it('npm test runs the check before anything else', () => {
    const scripts = (JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as {scripts: Record<string, string>}).scripts;
    expect(scripts.test).toMatch(/^tsx scripts\/check-tools\.ts && /);
  });
});
