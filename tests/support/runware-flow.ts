import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { AURORA_MODEL, type AuroraTask } from '../../shared/aurora.ts';
import type { RunwareClient } from '../../electron/core/runware/runware-client.ts';
import { outcomeOf, type TaskPoll } from '../../electron/core/runware/poll-result.ts';
import { MONALISA_JPG } from './fixture-paths.ts';
import { wavTone } from './wav-tone.ts';

export const PORTRAIT = readFileSync(MONALISA_JPG);

export async function uploadInputs(client: RunwareClient, audioSeconds = 2): Promise<{ image: string; audio: string }> {
  const image = (await client.uploadMedia(PORTRAIT)).mediaUUID;
  const audio = (await client.uploadMedia(wavTone(audioSeconds))).mediaUUID;
  return { image, audio };
}

export function auroraTask(inputs: { image: string; audio: string }, extra: Partial<AuroraTask> = {}): AuroraTask {
  return {
    taskType: 'videoInference',
    taskUUID: randomUUID(),
    model: AURORA_MODEL,
    deliveryMethod: 'async',
    numberResults: 1,
    outputFormat: 'MP4',
    outputQuality: 95,
    CFGScale: 1,
    inputs,
    ...extra,
  };
}

/** Polls (all tasks in each request) until every task has finished. */
export async function pollUntilDone(
  client: RunwareClient,
  tasks: { taskUUID: string; expected: number }[],
  intervalMs = 10,
): Promise<Map<string, TaskPoll>> {
  for (let round = 0; round < 500; round += 1) {
    const polls = await client.poll(tasks.map((t) => t.taskUUID));
    if (tasks.every((t) => outcomeOf(polls.get(t.taskUUID) as TaskPoll, t.expected) !== 'running')) return polls;
    await new Promise((ok) => setTimeout(ok, intervalMs));
  }
  throw new Error('tasks did not finish');
}
