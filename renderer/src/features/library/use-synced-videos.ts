import { useCallback, useEffect, useRef, useState } from 'react';

/** Beyond this, a video is pulled back to the clock (seconds). */
export const MAX_DRIFT_SEC = 0.05;
const DRIFT_CHECK_MS = 250;

export interface SyncedPlayback {
  playing: boolean;
  /** The shared position (seconds). */
  time: number;
  /** The longest video's length: the scrubber's range. */
  duration: number;
  /** Callback ref for the video at `index`. */
  bind: (index: number) => (video: HTMLVideoElement | null) => void;
  play: () => Promise<void>;
  pause: () => void;
  toggle: () => void;
  seek: (time: number) => void;
}

const lengthOf = (v: HTMLVideoElement) => (Number.isFinite(v.duration) ? v.duration : 0);

/**
 * Several videos driven as one: one play/pause and one position. The longest video
 * is the clock; the others are set to its time on play and seek, and pulled back
 * whenever they drift more than 50 ms (decoders do not run in lockstep). A shorter
 * video simply stops at its end while the others go on.
 */
export function useSyncedVideos(count: number): SyncedPlayback {
  const videos = useRef<(HTMLVideoElement | null)[]>([]);
  const [playing, setPlaying] = useState(false);
  const [time, setTime] = useState(0);
  const [duration, setDuration] = useState(0);
  const [bound, setBound] = useState(0);

  const all = useCallback(() => videos.current.slice(0, count).filter((v): v is HTMLVideoElement => v !== null), [count]);
  const clock = useCallback(
    () => all().reduce<HTMLVideoElement | null>((best, v) => (!best || lengthOf(v) > lengthOf(best) ? v : best), null),
    [all],
  );

  // One stable callback per slot, so React does not detach and re-attach every render.
  const binders = useRef(new Map<number, (video: HTMLVideoElement | null) => void>());
  const bind = useCallback((index: number) => {
    let binder = binders.current.get(index);
    if (!binder) {
      binder = (video) => {
        if (videos.current[index] === video) return;
        // A video leaving the compare view must not go on playing unseen.
        if (!video) videos.current[index]?.pause();
        videos.current[index] = video;
        setBound((n) => n + 1);
      };
      binders.current.set(index, binder);
    }
    return binder;
  }, []);

  const align = useCallback(
    (to: number) => {
      for (const v of all()) {
        const target = Math.min(to, lengthOf(v) || to);
        if (Math.abs(v.currentTime - target) > 0.001) v.currentTime = target;
      }
    },
    [all],
  );

  const pause = useCallback(() => {
    for (const v of all()) v.pause();
    const master = clock();
    if (master) align(master.currentTime);
    setPlaying(false);
  }, [all, align, clock]);

  const play = useCallback(async () => {
    const master = clock();
    if (!master) return;
    // From the end, playing again starts over, as a single player does.
    const from = master.ended || master.currentTime >= lengthOf(master) - 0.05 ? 0 : master.currentTime;
    align(from);
    setPlaying(true);
    // A take shorter than where playback starts stays on its last frame.
    await Promise.all(all().map((v) => (from < lengthOf(v) || lengthOf(v) === 0 ? v.play().catch(() => undefined) : Promise.resolve())));
  }, [align, all, clock]);

  const seek = useCallback(
    (to: number) => {
      align(to);
      setTime(to);
    },
    [align],
  );

  // Lengths as they become known, and the end of the longest one.
  useEffect(() => {
    const list = all();
    const measure = () => setDuration(Math.max(0, ...list.map(lengthOf)));
    const ended = (event: Event) => {
      if (event.target === clock()) {
        for (const v of all()) v.pause();
        setPlaying(false);
        setTime(lengthOf(event.target as HTMLVideoElement));
      }
    };
    measure();
    for (const v of list) {
      v.addEventListener('loadedmetadata', measure);
      v.addEventListener('durationchange', measure);
      v.addEventListener('ended', ended);
    }
    return () => {
      for (const v of list) {
        v.removeEventListener('loadedmetadata', measure);
        v.removeEventListener('durationchange', measure);
        v.removeEventListener('ended', ended);
      }
    };
  }, [all, clock, bound]);

  // While playing: follow the clock every frame, and pull drifting videos back.
  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const follow = () => {
      const master = clock();
      if (master) setTime(master.currentTime);
      frame = requestAnimationFrame(follow);
    };
    frame = requestAnimationFrame(follow);
    const timer = setInterval(() => {
      const master = clock();
      if (!master || master.paused) return;
      const t = master.currentTime;
      for (const v of all()) {
        if (v === master || t >= lengthOf(v)) continue;
        if (Math.abs(v.currentTime - t) > MAX_DRIFT_SEC) v.currentTime = t;
        if (v.paused) void v.play().catch(() => undefined);
      }
    }, DRIFT_CHECK_MS);
    return () => {
      cancelAnimationFrame(frame);
      clearInterval(timer);
    };
  }, [playing, all, clock]);

  const toggle = useCallback(() => {
    if (playing) pause();
    else void play();
  }, [pause, play, playing]);

  return { playing, time, duration, bind, play, pause, toggle, seek };
}
