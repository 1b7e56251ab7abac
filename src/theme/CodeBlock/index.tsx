import {Children, Suspense, isValidElement, lazy, type ReactNode} from 'react';
import type {Props} from '@theme/CodeBlock';
import ElementContent from '@theme/CodeBlock/Content/Element';
import StringContent from '@theme/CodeBlock/Content/String';
import LabMount from '@site/src/components/BrowserLab/LabMount';

const SqlPlayground = lazy(() => import('@site/src/components/SqlPlayground'));

// The same flag `isPlaygroundMeta` checks; the remark plugin has already failed the build on a bad block.
const playgroundFlag = /(^|\s)playground(\s|$)/;

/** Plain strings joined, so the block can be copied; anything with elements is left as it is (as the original). */
function maybeStringifyChildren(children: ReactNode): ReactNode {
  if (Children.toArray(children).some((child) => isValidElement(child))) {
    return children;
  }
  return Array.isArray(children) ? children.join('') : children;
}

/**
 * Docusaurus's CodeBlock (theme-classic 3.10), without the `key={String(isBrowser)}` it puts on the content. That
 * key remounts every code block of the page right after hydration, in one render that cannot be split: the whole
 * page's Prism highlighting is done twice, the second time as the page's longest task (the MAP flattening page:
 * about 3 s of Lighthouse's simulated mobile CPU). Its reason, Prism's inline styles differing between the server's
 * light theme and a dark first render, does not hold in the 3.10 pinned here: `useColorModeState` (theme-common
 * contexts/colorMode) starts from the configured default mode during hydration and switches to the reader's in an
 * effect, so the first client render matches the server's HTML and the switch to dark is an ordinary update that
 * React applies to the DOM (tests/e2e/keyboard.spec.ts checks the dark tokens' contrast).
 */
function PlainCodeBlock({children: rawChildren, ...props}: Props): ReactNode {
  const children = maybeStringifyChildren(rawChildren);
  return typeof children === 'string' ? <StringContent {...props}>{children}</StringContent> : <ElementContent {...props}>{children}</ElementContent>;
}

/**
 * Turns ```sql playground blocks into labs and leaves every other block alone. The lab is
 * browser-only and lazy: server rendering, pages without labs and labs not wanted yet (`LabMount`) get the plain
 * code block.
 */
export default function CodeBlock(props: Props): ReactNode {
  const {className, metastring, children} = props;
  if (className?.split(' ').includes('language-sql') && metastring && playgroundFlag.test(metastring)) {
    const code = String(children).replace(/\n$/, '');
    const staticCode = <PlainCodeBlock language="sql">{code}</PlainCodeBlock>;
    return (
      <LabMount waiting={staticCode}>
        {() => (
          <Suspense fallback={staticCode}>
            <SqlPlayground code={code} meta={metastring} />
          </Suspense>
        )}
      </LabMount>
    );
  }
  return <PlainCodeBlock {...props} />;
}
