import {Suspense, lazy, type ReactNode} from 'react';
import CodeBlock from '@theme-original/CodeBlock';
import type CodeBlockType from '@theme/CodeBlock';
import type {WrapperProps} from '@docusaurus/types';
import BrowserOnly from '@docusaurus/BrowserOnly';

type Props = WrapperProps<typeof CodeBlockType>;

const SqlPlayground = lazy(() => import('@site/src/components/SqlPlayground'));

// The same flag `isPlaygroundMeta` checks; the remark plugin has already failed the build on a bad block.
const playgroundFlag = /(^|\s)playground(\s|$)/;

/**
 * Turns ```sql playground blocks into labs and leaves every other block alone. The lab is
 * browser-only and lazy: server rendering and pages without labs get the plain code block.
 */
export default function CodeBlockWrapper(props: Props): ReactNode {
  const {className, metastring, children} = props;
  if (className?.split(' ').includes('language-sql') && metastring && playgroundFlag.test(metastring)) {
    const code = String(children).replace(/\n$/, '');
    const staticCode = <CodeBlock language="sql">{code}</CodeBlock>;
    return (
      <BrowserOnly fallback={staticCode}>
        {() => (
          <Suspense fallback={staticCode}>
            <SqlPlayground code={code} meta={metastring} />
          </Suspense>
        )}
      </BrowserOnly>
    );
  }
  return <CodeBlock {...props} />;
}
