import type { Page } from 'playwright-core';

/**
 * Drops files on an element the way a file manager does: a DataTransfer with File
 * objects (their paths come from the harness's `files` map, as webUtils would give).
 */
export async function dropFiles(page: Page, selector: string, files: { name: string; type: string }[]): Promise<void> {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) dt.items.add(new File(['x'], f.name, { type: f.type }));
    return dt;
  }, files);
  await page.dispatchEvent(selector, 'dragover', { dataTransfer });
  await page.dispatchEvent(selector, 'drop', { dataTransfer });
}
