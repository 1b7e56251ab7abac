import type {ReactNode} from 'react';
import styles from './styles.module.css';

/**
 * A Mermaid diagram as the build rendered it (src/plugins/mermaidSvg.ts): plain SVG, coloured by
 * the site's theme through CSS variables, with no Mermaid JavaScript on the page.
 */
export default function Mermaid({svg}: {svg: string}): ReactNode {
  return <div className={styles.diagram} dangerouslySetInnerHTML={{__html: svg}} />;
}
