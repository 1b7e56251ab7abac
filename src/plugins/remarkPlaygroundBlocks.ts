import {isPlaygroundMeta, parsePlaygroundMeta} from '../../playground';

interface MdastNode {
  type: string;
  lang?: string | null;
  meta?: string | null;
  position?: {start: {line: number}};
  children?: MdastNode[];
}

function* codeNodes(node: MdastNode): Generator<MdastNode> {
  if (node.type === 'code') {
    yield node;
  }
  for (const child of node.children ?? []) {
    yield* codeNodes(child);
  }
}

/** Fails the build on a ```sql playground block whose settings are invalid, naming file and line. */
export default function remarkPlaygroundBlocks() {
  return (tree: MdastNode, file: {path?: string}) => {
    for (const node of codeNodes(tree)) {
      if (node.lang !== 'sql' || !isPlaygroundMeta(node.meta ?? undefined)) {
        continue;
      }
      const parsed = parsePlaygroundMeta(node.meta ?? '');
      if (!parsed.ok) {
        const line = node.position?.start.line ?? 0;
        throw new Error(`${file.path ?? 'a docs page'}:${line}: invalid playground block "${node.meta}": ${parsed.message}`);
      }
    }
  };
}
