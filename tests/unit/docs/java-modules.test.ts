import {readFileSync, readdirSync, statSync} from 'node:fs';
import {join, relative} from 'node:path';
import {parse} from 'java-parser';
import {describe, expect, it} from 'vitest';

const docsDir = join(__dirname, '../../../docs');

function javaFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const path = join(dir, entry);
    return statSync(path).isDirectory() ? javaFiles(path) : entry.endsWith('.java') ? [path] : [];
  });
}

/**
 * The first syntax error of a Java compilation unit as `line:column: message`, or null when it parses.
 * java-parser (the parser behind prettier-plugin-java) reports the position in its error text.
 */
function syntaxError(source: string): string | null {
  try {
    parse(source);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const position = /line: (\d+), column: (\d+)!\n([^\n]*)/.exec(message);
    return position ? `${position[1]}:${position[2]}: ${position[3]}` : message;
  }
}

describe('the Java modules shown on pattern pages parse as Java', () => {
  const files = javaFiles(docsDir);

  it('finds the modules', () => {
    expect(files.map((file) => relative(docsDir, file))).toEqual(
      expect.arrayContaining([
        '03-streaming-architecture/kstreams-preprocessing/java/src/main/java/com/manufacturing/preprocessing/PreprocessingTopology.java',
        '03-streaming-architecture/kstreams-preprocessing/java/src/main/java/com/manufacturing/preprocessing/SensorEventValidator.java',
      ]),
    );
  });

  it('parses every one, or names the file and the position of the first error', () => {
    const errors = files.flatMap((file) => {
      const error = syntaxError(readFileSync(file, 'utf8'));
      return error ? [`${relative(docsDir, file)}:${error}`] : [];
    });
    expect(errors).toEqual([]);
  });

  it('reports where a file is broken', () => {
    const broken = ['package com.manufacturing;', '', 'public final class Broken {', '  void run() {', '    int x = ;', '  }', '}', ''].join('\n');
    expect(syntaxError(broken)).toMatch(/^5:13: /);
    expect(syntaxError('package com.manufacturing;\nrecord Ok(String id) {}\n')).toBeNull();
  });
});
