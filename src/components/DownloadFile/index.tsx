import type {ReactNode} from 'react';

/**
 * A button that saves a file shown on the page (imported with `?raw`) under its own name. The
 * file is built in the browser from the page's bundle, so it works offline.
 */
export default function DownloadFile({name, content, type = 'application/json'}: {name: string; content: string; type?: string}): ReactNode {
  const save = () => {
    const url = URL.createObjectURL(new Blob([content], {type}));
    const link = document.createElement('a');
    link.href = url;
    link.download = name;
    link.click();
    URL.revokeObjectURL(url);
  };
  return (
    <button type="button" className="button button--sm button--secondary" onClick={save}>
      Download {name}
    </button>
  );
}
