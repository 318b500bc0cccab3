const PATHS = {
  gear: 'M12 15.5a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7Zm7.4-2.1.1-1.4-.1-1.4 2-1.6-2-3.4-2.4 1a7 7 0 0 0-2.4-1.4L14.2 2h-4l-.4 2.7a7 7 0 0 0-2.4 1.4l-2.4-1-2 3.4 2 1.6-.1 1.4.1 1.4-2 1.6 2 3.4 2.4-1c.7.6 1.5 1.1 2.4 1.4l.4 2.7h4l.4-2.7c.9-.3 1.7-.8 2.4-1.4l2.4 1 2-3.4-2-1.6Z',
  help: 'M12 22a10 10 0 1 1 0-20 10 10 0 0 1 0 20Zm0-6v.01M9.5 9a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14',
  plus: 'M12 5v14M5 12h14',
  chevron: 'm9 6 6 6-6 6',
  close: 'M6 6l12 12M18 6 6 18',
  key: 'M15.5 8.5a3.5 3.5 0 1 1-7 0 3.5 3.5 0 0 1 7 0ZM12 12v9m0-4h3m-3 2h2',
  image: 'M4 5h16v14H4zM4 15l4-4 5 5 3-3 4 4M15.5 9.5h.01',
  wave: 'M3 12h2m2-4v8m3-11v14m3-10v6m3-9v12m3-7v2',
  play: 'M7 5v14l11-7z',
  pause: 'M7 5h3v14H7zM14 5h3v14h-3z',
  stop: 'M6 6h12v12H6z',
  star: 'm12 3 2.8 5.7 6.2.9-4.5 4.4 1 6.2L12 17.3 6.5 20.2l1-6.2L3 9.6l6.2-.9z',
  trash: 'M4 7h16M9 7V4h6v3m-8 0 1 13h8l1-13',
  folder: 'M3 6h6l2 2h10v11H3z',
  download: 'M12 4v11m-5-5 5 5 5-5M5 20h14',
  retry: 'M4 12a8 8 0 1 0 2.3-5.6M4 4v4h4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
  scissors: 'M6 7a2 2 0 1 0 0-.01M6 17a2 2 0 1 0 0-.01M8 8l12 9M8 16 20 7',
  compare: 'M4 5h7v14H4zM13 5h7v14h-7z',
  reuse: 'M4 4h10l6 6v10H4zM14 4v6h6',
  zoomIn: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14Zm9 2-4-4M8 11h6M11 8v6',
  zoomOut: 'M11 18a7 7 0 1 1 0-14 7 7 0 0 1 0 14Zm9 2-4-4M8 11h6',
  edit: 'M4 20h4L19 9l-4-4L4 16zM13 7l4 4',
  volume: 'M4 9h4l5-4v14l-5-4H4zM16 9a4 4 0 0 1 0 6m2.5-8.5a7.5 7.5 0 0 1 0 11',
  muted: 'M4 9h4l5-4v14l-5-4H4zM16 9l6 6m0-6-6 6',
  fullscreen: 'M4 9V4h5M20 9V4h-5M4 15v5h5M20 15v5h-5',
  warning: 'M12 3 2 20h20zM12 9v5m0 3v.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
