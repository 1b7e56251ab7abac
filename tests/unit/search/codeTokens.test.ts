import {describe, expect, it} from 'vitest';
import {qualifiedNameSuffixes, underscoreRuns} from '../../../src/search/codeTokens';

describe('underscoreRuns', () => {
  it('lists every run of consecutive parts of an error code, except the whole code', () => {
    const runs = underscoreRuns('delta_merge_incompatible_datatype').map((run) => run.text);
    expect(runs).toEqual([
      'delta',
      'delta_merge',
      'delta_merge_incompatible',
      'merge',
      'merge_incompatible',
      'merge_incompatible_datatype',
      'incompatible',
      'incompatible_datatype',
      'datatype',
    ]);
  });

  it('gives each run its offset inside the identifier, for highlighting', () => {
    const run = underscoreRuns('delta_failed_to_merge_fields').find((candidate) => candidate.text === 'merge_fields');
    expect(run).toEqual({text: 'merge_fields', offset: 16});
  });

  it('ignores leading, trailing and doubled underscores', () => {
    expect(underscoreRuns('_legacy__error_').map((run) => run.text)).toEqual(['legacy', 'error']);
  });

  it('returns nothing for a word without underscores', () => {
    expect(underscoreRuns('delta')).toEqual([]);
    expect(underscoreRuns('_delta_')).toEqual([]);
  });

  it('stops runs at six parts so long identifiers do not flood the index', () => {
    const runs = underscoreRuns('a_b_c_d_e_f_g_h');
    expect(runs.every((run) => run.text.split('_').length <= 6)).toBe(true);
    expect(runs.map((run) => run.text)).toContain('c_d_e_f_g_h');
    expect(runs.map((run) => run.text)).not.toContain('a_b_c_d_e_f_g');
  });
});

describe('qualifiedNameSuffixes', () => {
  it('indexes the class name of a qualified exception, alone and with its packages', () => {
    expect(qualifiedNameSuffixes('org.apache.kafka.common.errors.saslauthenticationexception')).toEqual([
      {text: 'apache.kafka.common.errors.saslauthenticationexception', offset: 4},
      {text: 'kafka.common.errors.saslauthenticationexception', offset: 11},
      {text: 'common.errors.saslauthenticationexception', offset: 17},
      {text: 'errors.saslauthenticationexception', offset: 24},
      {text: 'saslauthenticationexception', offset: 31},
    ]);
  });

  it('leaves sentences, versions and two-part names alone', () => {
    expect(qualifiedNameSuffixes('update.')).toEqual([]);
    expect(qualifiedNameSuffixes('3.5.0')).toEqual([]);
    expect(qualifiedNameSuffixes('e.g.')).toEqual([]);
    expect(qualifiedNameSuffixes('delta_metadata_mismatch.schema_mismatch')).toEqual([]);
  });
});
