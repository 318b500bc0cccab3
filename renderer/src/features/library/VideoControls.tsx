import { useEffect, useState, type RefObject } from 'react';
import { timecode } from '../../lib/format.ts';
import { Icon } from '../../ui/Icon.tsx';

interface Playback {
  playing: boolean;
  time: number;
  duration: number;
  volume: number;
  muted: boolean;
}

const STOPPED: Playback = { playing: false, time: 0, duration: 0, volume: 1, muted: false };

/** The video element's state, followed through its own events (no polling). */
function usePlayback(videoRef: RefObject<HTMLVideoElement | null>, src: string): Playback {
  const [state, setState] = useState<Playback>(STOPPED);
  useEffect(() => {
    const video = videoRef.current;
    if (!video) return;
    const read = () =>
      setState({
        playing: !video.paused && !video.ended,
        time: video.currentTime,
        duration: Number.isFinite(video.duration) ? video.duration : 0,
        volume: video.volume,
        muted: video.muted,
      });
    const events = ['play', 'pause', 'ended', 'timeupdate', 'seeked', 'loadedmetadata', 'durationchange', 'volumechange'];
    for (const e of events) video.addEventListener(e, read);
    read();
    return () => {
      for (const e of events) video.removeEventListener(e, read);
    };
  }, [videoRef, src]);
  return state;
}

/**
 * Controls in the app's own style for a finished local file: play/pause, a scrubber with
 * the time, volume, full screen. The browser's controls would show a buffering spinner
 * over a file that is already on disk, and differ from every other control here.
 */
export function VideoControls({ videoRef, src }: { videoRef: RefObject<HTMLVideoElement | null>; src: string }) {
  const p = usePlayback(videoRef, src);
  const video = () => videoRef.current;
  const toggle = () => {
    const v = video();
    if (!v) return;
    if (v.paused || v.ended) void v.play().catch(() => undefined);
    else v.pause();
  };
  return (
    <div className="lib-controls" role="group" aria-label="Playback">
      <input
        type="range"
        className="lib-controls__scrub"
        aria-label="Position"
        aria-valuetext={`${timecode(p.time)} of ${timecode(p.duration)}`}
        min={0}
        max={p.duration || 0}
        step={0.01}
        value={Math.min(p.time, p.duration || 0)}
        disabled={p.duration <= 0}
        onChange={(e) => {
          const v = video();
          if (v) v.currentTime = Number(e.target.value);
        }}
      />
      <button type="button" className="icon-button" aria-label={p.playing ? 'Pause' : 'Play'} aria-keyshortcuts="Space" onClick={toggle}>
        <Icon name={p.playing ? 'pause' : 'play'} size={18} />
      </button>
      <span className="lib-controls__time num" data-testid="player-time">
        {timecode(p.time)} / {timecode(p.duration)}
      </span>
      <button
        type="button"
        className="icon-button"
        aria-label={p.muted ? 'Unmute' : 'Mute'}
        aria-pressed={p.muted}
        onClick={() => {
          const v = video();
          if (v) v.muted = !v.muted;
        }}
      >
        <Icon name={p.muted || p.volume === 0 ? 'muted' : 'volume'} size={18} />
      </button>
      <input
        type="range"
        className="lib-controls__volume"
        aria-label="Volume"
        min={0}
        max={1}
        step={0.05}
        value={p.muted ? 0 : p.volume}
        onChange={(e) => {
          const v = video();
          if (!v) return;
          v.volume = Number(e.target.value);
          v.muted = v.volume === 0;
        }}
      />
      <button
        type="button"
        className="icon-button"
        aria-label="Full screen"
        onClick={() =>
          void video()
            ?.requestFullscreen()
            .catch(() => undefined)
        }
      >
        <Icon name="fullscreen" size={18} />
      </button>
    </div>
  );
}
