import {describe, expect, it} from 'vitest';
import {pacer} from '../../../playground/lab/pause';

describe('pacer: long JavaScript work hands the event loop back', () => {
  it('lets queued tasks run once the budget has passed', async () => {
    const pause = pacer(0);
    let ran = false;
    setTimeout(() => (ran = true), 0);
    await pause();
    expect(ran).toBe(true);
  });

  it('costs no task while the budget lasts', async () => {
    const pause = pacer(60_000);
    let ran = false;
    setTimeout(() => (ran = true), 0);
    await pause();
    expect(ran).toBe(false);
  });
});
