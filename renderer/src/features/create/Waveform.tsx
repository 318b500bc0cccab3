import { useEffect, useRef, useState } from 'react';
import WaveSurfer from 'wavesurfer.js';
import RegionsPlugin, { type Region } from 'wavesurfer.js/dist/plugins/regions.esm.js';
import TimelinePlugin from 'wavesurfer.js/dist/plugins/timeline.esm.js';
import { timecode } from '../../lib/format.ts';
import type { Peaks } from '../../../../shared/inputs.ts';
import type { Trim } from './composer-store.ts';

export interface WaveformHandle {
  ws: WaveSurfer;
  region: Region;
}

interface WaveformProps {
  /** The voice, served by the media protocol (played, never fetched for decoding). */
  url: string;
  peaks: Peaks;
  trim: Trim;
  zoom: number;
  /** Where a long selection is cut into parts: draggable markers. */
  cuts: number[] | null;
  onTrim: (trim: Trim) => void;
  onCuts: (cuts: number[]) => void;
  onReady: (handle: WaveformHandle | null) => void;
}

/** One channel of bar heights from main's min/max peaks. */
function bars(peaks: Peaks): number[] {
  return peaks.max.map((v, i) => Math.max(Math.abs(v), Math.abs(peaks.min[i] ?? 0)));
}

/**
 * The voice's waveform with a draggable trim region. Drawn from peaks computed in
 * main (so a 10-minute file never has to be decoded in the window); the audio
 * element only plays.
 */
export function Waveform({ url, peaks, trim, zoom, cuts, onTrim, onCuts, onReady }: WaveformProps) {
  const container = useRef<HTMLDivElement>(null);
  const audio = useRef<HTMLAudioElement>(null);
  const handle = useRef<WaveformHandle | null>(null);
  // The latest zoom and trim, read when the waveform is (re)built for a new voice; later
  // changes are applied to it by the effects below, without rebuilding it.
  const zoomRef = useRef(zoom);
  zoomRef.current = zoom;
  const trimRef = useRef(trim);
  trimRef.current = trim;
  // Latest callbacks without re-creating the waveform.
  const callbacks = useRef({ onTrim, onReady, onCuts });
  callbacks.current = { onTrim, onReady, onCuts };
  const plugin = useRef<ReturnType<typeof RegionsPlugin.create> | null>(null);
  const markers = useRef<Region[]>([]);
  const ruler = useRef<HTMLDivElement>(null);
  const [playhead, setPlayhead] = useState(0);

  useEffect(() => {
    if (!container.current || !audio.current) return;
    const ws = WaveSurfer.create({
      container: container.current,
      media: audio.current,
      peaks: [bars(peaks)],
      duration: peaks.durationSec,
      height: 112,
      waveColor: '#4b5364',
      progressColor: '#9aa9c0',
      cursorColor: '#e6e8ee',
      cursorWidth: 2,
      barWidth: 2,
      barGap: 1,
      barRadius: 1,
      normalize: true,
      dragToSeek: true,
      minPxPerSec: zoomRef.current,
      autoScroll: true,
      autoCenter: false,
    });
    // A time ruler under the bars, drawn in its own row so it never hides the waveform.
    if (ruler.current) {
      ws.registerPlugin(
        TimelinePlugin.create({
          container: ruler.current,
          height: 16,
          style: { fontSize: '10px', color: '#8b93a7' },
        }),
      );
    }
    ws.on('timeupdate', (time) => setPlayhead(time));
    // The width actually drawn, for tests and for anyone checking the waveform follows the window.
    // wavesurfer redraws 100 ms after a resize; the canvases' own widths say when it has.
    ws.on('redrawcomplete', () => {
      const canvases = ws.getWrapper().querySelectorAll<HTMLCanvasElement>('.canvases canvas');
      const drawn = Array.from(canvases).reduce((sum, c) => sum + (parseFloat(c.style.width) || 0), 0);
      container.current?.setAttribute('data-drawn-width', String(Math.round(drawn)));
    });
    const regions = ws.registerPlugin(RegionsPlugin.create());
    plugin.current = regions;
    const region = regions.addRegion({
      start: trimRef.current.startSec,
      end: trimRef.current.endSec,
      color: 'rgba(45, 212, 191, 0.16)',
      drag: true,
      resize: true,
      minLength: 0.1,
    });
    region.on('update-end', () => callbacks.current.onTrim({ startSec: region.start, endSec: region.end }));
    // Zooming before the waveform is ready throws; apply any zoom chosen meanwhile.
    ws.on('ready', () => {
      if (zoomRef.current > 0) ws.zoom(zoomRef.current);
    });
    handle.current = { ws, region };
    callbacks.current.onReady(handle.current);
    return () => {
      callbacks.current.onReady(null);
      handle.current = null;
      plugin.current = null;
      markers.current = [];
      ws.destroy();
    };
  }, [url, peaks]);

  useEffect(() => {
    const region = handle.current?.region;
    if (region && (Math.abs(region.start - trim.startSec) > 0.001 || Math.abs(region.end - trim.endSec) > 0.001)) {
      region.setOptions({ start: trim.startSec, end: trim.endSec });
    }
  }, [trim.startSec, trim.endSec]);

  useEffect(() => {
    const ws = handle.current?.ws;
    if (ws && ws.getDuration() > 0) ws.zoom(zoom);
  }, [zoom]);

  // The cut markers follow the plan; dragging one reports every cut's new time.
  useEffect(() => {
    const regions = plugin.current;
    if (!regions) return;
    for (const marker of markers.current) marker.remove();
    markers.current = (cuts ?? []).map((cut, i) => {
      const marker = regions.addRegion({ start: cut, color: '#a78bfa', drag: true, content: `✂ ${i + 1}` });
      marker.on('update-end', () => callbacks.current.onCuts(markers.current.map((m) => m.start)));
      return marker;
    });
  }, [cuts, url, peaks]);

  const whole = wholeFile(trim, peaks.durationSec);
  return (
    <div className={`waveform${whole ? ' waveform--whole' : ''}`}>
      <div className="waveform__status num" aria-live="off">
        <span className="waveform__selection" data-testid="selection-kind">
          {whole ? 'Whole file selected' : `Selection ${timecode(trim.startSec)} – ${timecode(trim.endSec)}`}
        </span>
        <span className="waveform__playhead" data-testid="playhead">
          Playhead {timecode(playhead)}
        </span>
      </div>
      <div ref={container} className="waveform__canvas" data-testid="waveform" />
      <div ref={ruler} className="waveform__ruler" aria-hidden="true" />
      <audio ref={audio} src={url} preload="auto" data-testid="voice-audio" />
    </div>
  );
}

/** The whole file, give or take the 10 ms a drag or two decimals can lose at either end. */
export function wholeFile(trim: Trim, durationSec: number): boolean {
  return trim.startSec <= 0.01 && trim.endSec >= durationSec - 0.01;
}
