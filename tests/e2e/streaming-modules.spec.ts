import {test, expect} from '@playwright/test';
import {watchPage, waitForHydration} from './site';

// The production modules next to the section 03 pages, rendered in the page (offline) and deep-linkable.
const modules = [
  {
    page: '/docs/streaming-architecture/kafka-to-delta-lake',
    anchor: 'source-docs-03-streaming-architecture-kafka-to-delta-lake-src-bronze-stream-py',
    text: '"kafka.isolation.level": "read_committed",',
  },
  {
    page: '/docs/streaming-architecture/exactly-once-semantics',
    anchor: 'source-docs-03-streaming-architecture-exactly-once-semantics-src-idempotent-writer-py',
    text: 'def checkpoint_query_id(spark: SparkSession, checkpoint_location: str) -> str:',
  },
  {
    page: '/docs/streaming-architecture/failure-recovery',
    anchor: 'source-docs-03-streaming-architecture-failure-recovery-src-checkpoint-utils-py',
    text: 'def resume_starting_offsets(state: CheckpointState, source_index: int = 0) -> str:',
  },
  {
    page: '/docs/streaming-architecture/kstreams-preprocessing',
    anchor: 'source-docs-03-streaming-architecture-kstreams-preprocessing-java-src-main-java-com-manufacturing-preprocessing-preprocessingtopology-java',
    text: 'props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);',
  },
];

for (const {page: path, anchor, text} of modules) {
  test(`${path} shows its module and a deep link opens it`, async ({page, baseURL}) => {
    const problems = watchPage(page, new URL(baseURL!).origin);
    await page.goto(`${path}#${anchor}`);
    await waitForHydration(page);
    const module = page.locator(`#${anchor}`);
    await expect(module).toHaveAttribute('open', '');
    await expect(module.getByText(text, {exact: false}).first()).toBeVisible();
    expect(problems.consoleErrors).toEqual([]);
    expect(problems.outsideRequests).toEqual([]);
  });
}

test('the failure-recovery page warns at the restart step that a new checkpoint restarts batch ids at 0', async ({page}) => {
  await page.goto('/docs/streaming-architecture/failure-recovery');
  await waitForHydration(page);
  const warning = page.locator('.theme-admonition-warning').filter({hasText: 'A new checkpoint restarts batch ids at 0'});
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('The fix is a new txnAppId per checkpoint');
});
