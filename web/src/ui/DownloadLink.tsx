import { type MouseEvent, type ReactNode, useState } from 'react';
import { downloadFile } from '../api.ts';
import { describeError } from './form-errors.ts';

/**
 * A link that downloads a file from the API. It fetches the file first, so an export that needs a
 * recent sign-in asks for the password (and code) like every other sensitive action, and a refusal
 * is shown beside the link instead of a download the browser starts and silently cancels.
 */
export function DownloadLink({ path, children }: { path: string; children: ReactNode }) {
  const [problem, setProblem] = useState<string | null>(null);
  const [isDownloading, setIsDownloading] = useState(false);

  async function download(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    if (isDownloading) return;
    setIsDownloading(true);
    setProblem(null);
    try {
      const { blob, fileName } = await downloadFile(path);
      saveDownloadedFile(blob, fileName);
    } catch (error) {
      setProblem(describeError(error));
    } finally {
      setIsDownloading(false);
    }
  }

  return (
    <>
      <a href={path} download onClick={download} aria-disabled={isDownloading ? 'true' : undefined}>
        {children}
      </a>
      {isDownloading ? (
        <span className="nhsuk-u-margin-left-2" role="status">
          Preparing the download
        </span>
      ) : null}
      {problem ? (
        <span className="nhsuk-error-message nhsuk-u-margin-top-2" role="alert">
          <span className="nhsuk-u-visually-hidden">Error:</span> {problem}
        </span>
      ) : null}
    </>
  );
}

/** Hands a file fetched from the API to the browser to save, under the name the server gave it. */
export function saveDownloadedFile(blob: Blob, fileName: string | null): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName ?? '';
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken its copy once the click has been handled.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
