/**
 * A folder name that is valid on Windows, macOS and Linux: no reserved characters,
 * no trailing dots or spaces, no reserved device names, not too long.
 */
export function safeFolderName(name: string, fallback = 'Untitled'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[<>:"/\\|?*]/g, ' ')
    .replace(/\p{Cc}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80)
    .trim();
  if (cleaned === '' || /^\.+$/.test(cleaned)) return fallback;
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i.test(cleaned)) return `${cleaned}_`;
  return cleaned;
}

/** A short, readable, filesystem-safe slug (for generation folders and file names). */
export function slugify(text: string, max = 40): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
  return slug || 'untitled';
}
