import { execFile } from 'node:child_process';
import { mkdir, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeRunware } from '../../../electron/core/runware-stand-in/fake-runware.ts';
import { JFK_FLAC, MONALISA_JPG } from '../../support/fixture-paths.ts';
import { fastAppData, filesUnder, runCli } from '../../support/cli-runner.ts';
import { makeTempDir } from '../../support/temp-dir.ts';
import { wavTone } from '../../support/wav-tone.ts';

const run = promisify(execFile);

/** The picture header of a 20000×20000 PNG: ffmpeg will not describe it (it says 0×0). */
async function hugePng(file: string): Promise<void> {
  const { crc32, deflateSync } = await import('node:zlib');
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(8 + data.length + 4);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(20_000, 0);
  header.writeUInt32BE(20_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = deflateSync(Buffer.alloc(2 * (1 + 20_000 * 3)));
  await writeFile(
    file,
    Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('IDAT', rows),
      chunk('IEND', Buffer.alloc(0)),
    ]),
  );
}

/**
 * 60 hostile inputs through the real command line: each is refused with the exit code it
 * deserves and words that say what is wrong, before a single request reaches Runware, and
 * nothing is written anywhere but the project folder and the app's own data folder.
 */
describe('the command line refuses hostile input before anything is sent', () => {
  let fake: FakeRunware;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let env: NodeJS.ProcessEnv;
  let sandbox: string;
  let files: string;
  let project: string;
  let existing: string;
  const at = (name: string) => join(files, name);

  beforeAll(async () => {
    fake = await FakeRunware.start();
    temp = await makeTempDir('hostile input ');
    sandbox = join(temp.path, 'sandbox');
    files = join(sandbox, 'files');
    project = join(sandbox, 'project');
    existing = join(sandbox, 'existing');
    await mkdir(files, { recursive: true });
    env = {
      RUNWARE_API_URL: fake.url,
      RUNWARE_API_KEY: fake.apiKey,
      AVATAR_STUDIO_DATA: await fastAppData(join(temp.path, 'app data')),
      HOME: temp.path,
    };
    const ff = (...args: string[]) => run('ffmpeg', ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
    await writeFile(at('empty.jpg'), '');
    await writeFile(at('empty.wav'), '');
    await writeFile(at('notes.jpg'), 'meeting notes, not a picture');
    await writeFile(at('notes.wav'), 'meeting notes, not a recording');
    await writeFile(at('garbage.png'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
    await writeFile(at('garbage.mp3'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 104_729) % 253)));
    await writeFile(at('tone 70s.wav'), wavTone(70));
    await writeFile(at('tone.wav'), wavTone(3));
    await writeFile(
      at('picture.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600"><rect width="600" height="600"/></svg>',
    );
    await hugePng(at('huge.png'));
    await ff('-f', 'lavfi', '-i', 'testsrc=d=1:s=320x320:r=5', at('animated.gif'));
    await ff('-f', 'lavfi', '-i', 'testsrc=d=1:s=64x64:r=1', '-frames:v', '1', at('tiny.png'));
    await ff('-f', 'lavfi', '-i', 'anullsrc=r=44100:cl=stereo', '-t', '3', at('silence.wav'));
    await ff('-f', 'lavfi', '-i', 'testsrc=d=2:s=320x240:r=10', '-an', at('mute.mp4'));
    await run('mkfifo', [at('pipe.wav')]);
    await symlink('/dev/zero', at('zero link.wav'));
    await mkdir(at('a folder.jpg'));
    await writeFile(at('a file'), 'not a folder');
    await mkdir(join(sandbox, 'someone else'));
    await writeFile(join(sandbox, 'someone else', 'taxes.txt'), 'not a project');
    await mkdir(join(sandbox, 'damaged'));
    await writeFile(join(sandbox, 'damaged', 'project.json'), '{ "schemaVersion": 1, ');
    // Manifests.
    await writeFile(at('binary.csv'), Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 31) % 256)));
    await writeFile(at('credentials.csv'), '[default]\naws_access_key_id = AKIASECRETSECRET1234\naws_secret_access_key = abcdSECRET/xyz\n');
    await writeFile(at('object.json'), '{"a": 1}');
    await writeFile(at('empty list.json'), '[]');
    await writeFile(at('no audio.csv'), 'image,audio\nportrait.jpg,\n');
    await writeFile(at('bad start.csv'), 'image,audio,start\nportrait.jpg,voice.wav,abc\n');
    await writeFile(at('broken quote.csv'), 'image,audio\n"SECRET-LINE,x\n');
    await writeFile(at('huge.csv'), `image,audio\n${'a.jpg,b.wav\n'.repeat(500_000)}`);
    // A real project, with no generations.
    await runCli(['generate', '--image', MONALISA_JPG, '--audio', at('nowhere.wav'), '--project', existing], env);
  }, 120_000);
  afterAll(async () => {
    await fake.close();
    await temp.cleanup();
  });

  const gen = (...extra: string[]) => [
    'generate',
    '--image',
    MONALISA_JPG,
    '--audio',
    JFK_FLAC,
    '--end',
    '2',
    ...extra,
    '--project',
    project,
  ];
  const withImage = (image: string) => ['generate', '--image', image, '--audio', JFK_FLAC, '--end', '2', '--project', project];
  const withAudio = (audio: string, ...extra: string[]) => [
    'generate',
    '--image',
    MONALISA_JPG,
    '--audio',
    audio,
    ...extra,
    '--project',
    project,
  ];
  const batch = (manifest: string) => ['batch', manifest, '--project', project];

  const cases: [string, number, () => string[], string[]][] = [
    // Files that are not what they claim, or not files at all.
    ['a portrait that does not exist', 2, () => withImage(at('nowhere.jpg')), ['"nowhere.jpg" was not found']],
    ['a voice that does not exist', 2, () => withAudio(at('nowhere.wav')), ['"nowhere.wav" was not found']],
    ['a folder as the portrait', 2, () => withImage(at('a folder.jpg')), ['is a folder, not a file']],
    ['/dev/zero as the voice', 2, () => withAudio('/dev/zero', '--end', '2'), ['"zero" is not a regular file']],
    ['a pipe as the voice', 2, () => withAudio(at('pipe.wav'), '--end', '2'), ['"pipe.wav" is not a regular file']],
    ['/dev/urandom as the portrait', 2, () => withImage('/dev/urandom'), ['"urandom" is not a regular file']],
    ['a link to /dev/zero as the voice', 2, () => withAudio(at('zero link.wav'), '--end', '2'), ['not a regular file']],
    ['an empty portrait', 2, () => withImage(at('empty.jpg')), ['"empty.jpg" is empty (0 bytes)']],
    ['an empty voice', 2, () => withAudio(at('empty.wav'), '--end', '2'), ['"empty.wav" is empty (0 bytes)']],
    ['text named .jpg', 2, () => withImage(at('notes.jpg')), ['"notes.jpg" holds text, not a picture']],
    ['text named .wav', 2, () => withAudio(at('notes.wav'), '--end', '2'), ['"notes.wav" holds text, not audio']],
    ['audio as the portrait', 2, () => withImage(JFK_FLAC), ['"jfk.flac" holds audio, not a picture']],
    ['a picture as the voice', 2, () => withAudio(MONALISA_JPG, '--end', '2'), ['"monalisa.jpg" holds a picture', 'not audio']],
    [
      'a video without sound as the voice',
      2,
      () => withAudio(at('mute.mp4'), '--end', '1'),
      ['"mute.mp4" holds a video without sound, not audio'],
    ],
    ['an animated GIF', 2, () => withImage(at('animated.gif')), ['"animated.gif" is a GIF picture', 'still JPEG, PNG or WebP']],
    ['an SVG', 2, () => withImage(at('picture.svg')), ['"picture.svg" is an SVG picture']],
    ['a 20000×20000 PNG', 2, () => withImage(at('huge.png')), ['"huge.png" is 20000×20000 px (400 megapixels)', 'up to 100 megapixels']],
    ['a 64 px portrait', 2, () => withImage(at('tiny.png')), ['"tiny.png" is 64×64 px', 'at least 256 px']],
    ['random bytes named .png', 2, () => withImage(at('garbage.png')), ['"garbage.png" could not be read as a picture']],
    ['random bytes named .mp3', 2, () => withAudio(at('garbage.mp3'), '--end', '2'), ['"garbage.mp3" could not be read as audio']],
    ['a silent recording', 2, () => withAudio(at('silence.wav')), ['"silence.wav" is silent']],
    ['70 s without --split', 2, () => withAudio(at('tone 70s.wav')), ['This selection is 70.0 s; Aurora takes up to 60 s', '--split auto']],
    // Numbers.
    ['a hexadecimal start', 2, () => gen('--start', '0x1'), ['--start must be a number (got "0x1")']],
    ['an exponent', 2, () => withAudio(JFK_FLAC, '--start', '1e0'), ['--start must be a number (got "1e0")']],
    ['Infinity', 2, () => withAudio(JFK_FLAC, '--end', 'Infinity'), ['--end must be a number (got "Infinity")']],
    ['NaN', 2, () => withAudio(JFK_FLAC, '--end', 'NaN'), ['--end must be a number (got "NaN")']],
    ['a number with spaces', 2, () => withAudio(JFK_FLAC, '--start', ' 2'), ['--start must be a number (got " 2")']],
    ['a negative start', 2, () => withAudio(JFK_FLAC, '--start', '-1'), ["Option '--start' argument is ambiguous"]],
    [
      'a start past the end of the audio',
      2,
      () => withAudio(JFK_FLAC, '--start', '20'),
      ['“jfk.flac” is only 11.00 s long', 'cannot start at 20.00 s'],
    ],
    ['an end before the start', 2, () => withAudio(JFK_FLAC, '--start', '5', '--end', '4'), ['ends (4.00 s) before it starts (5.00 s)']],
    ['an end past the audio', 2, () => withAudio(JFK_FLAC, '--end', '12'), ['ends at 12.00 s, after the end of “jfk.flac” (11.00 s)']],
    ['a selection too short to bill', 2, () => withAudio(JFK_FLAC, '--start', '1', '--end', '1.2'), ['select at least 0.5 s']],
    ['a CFG scale of 11', 2, () => gen('--cfg', '11'), ['--cfg must be from 0 to 10 (got 11)']],
    ['no takes', 2, () => gen('--results', '0'), ['--results must be from 1 to 4 (got 0)']],
    ['half a take', 2, () => gen('--results', '2.5'), ['--results must be a whole number']],
    ['a quality of 101', 2, () => gen('--quality', '101'), ['--quality must be from 20 to 99 (got 101)']],
    ['a GIF output', 2, () => gen('--format', 'gif'), ['--format must be mp4, webm or mov (got "gif")']],
    ['--split yes', 2, () => gen('--split', 'yes'), ['--split takes "auto" (got "yes")']],
    ['a one-character prompt', 2, () => gen('--prompt', 'x'), ['The prompt must be 2–3000 characters long (it has 1)']],
    [
      'a prompt of 3001 characters',
      2,
      () => gen('--prompt', 'y'.repeat(3001)),
      ['The prompt must be 2–3000 characters long (it has 3001)'],
    ],
    ['an unknown flag', 2, () => gen('--colour', 'red'), ["Unknown option '--colour'"]],
    // Projects and paths.
    [
      '--project naming a file',
      2,
      () => ['generate', '--image', MONALISA_JPG, '--audio', JFK_FLAC, '--project', at('a file')],
      ['is a file, not a folder'],
    ],
    [
      '--project naming someone else’s folder',
      2,
      () => gen().slice(0, -2).concat('--project', join(sandbox, 'someone else')),
      ['already holds other files and is not a project'],
    ],
    [
      'a damaged project.json',
      2,
      () => ['list', '--project', join(sandbox, 'damaged')],
      ['The project file of “damaged” is not valid JSON'],
    ],
    [
      'list of a project that does not exist',
      2,
      () => ['list', '--project', join(sandbox, 'missing 1')],
      ['There is no project at', 'nothing was created'],
    ],
    [
      'resume of a project that does not exist',
      2,
      () => ['resume', '--project', join(sandbox, 'missing 2')],
      ['There is no project at', 'nothing was created'],
    ],
    [
      'export from a project that does not exist',
      2,
      () => ['export', 'x', '--project', join(sandbox, 'missing 3'), '--format', 'mp4'],
      ['There is no project at'],
    ],
    [
      'export of a generation that does not exist',
      2,
      () => ['export', '2026-01-01_000000_nothing', '--project', existing, '--format', 'mp4'],
      ['That generation is no longer in this project'],
    ],
    [
      'export of a path instead of an id',
      2,
      () => ['export', '../../etc', '--project', existing, '--format', 'mp4'],
      ['outside the project folder'],
    ],
    [
      'export to an AVI',
      2,
      () => ['export', 'x', '--project', existing, '--format', 'avi'],
      ['--format must be mp4, webm or mov (got "avi")'],
    ],
    [
      'export of take 9',
      2,
      () => ['export', 'x', '--project', existing, '--format', 'mp4', '--take', '9'],
      ['--take must be from 1 to 4 (got 9)'],
    ],
    // Batch lists.
    ['a binary file as a batch list', 2, () => batch(at('binary.csv')), ['“binary.csv” is not a CSV or JSON list of generations']],
    ['a credentials file as a batch list', 2, () => batch(at('credentials.csv')), ['is not a CSV or JSON list of generations']],
    ['/dev/zero as a batch list', 2, () => batch('/dev/zero'), ['“zero” is not a regular file', 'cannot be a batch list']],
    ['a batch list that does not exist', 2, () => batch(at('nowhere.csv')), ['could not be read']],
    ['a JSON object as a batch list', 2, () => batch(at('object.json')), ['should hold a list of items']],
    ['an empty JSON list', 2, () => batch(at('empty list.json')), ['The batch file lists no items']],
    ['a row without audio', 2, () => batch(at('no audio.csv')), ['Row 2: “audio” is missing']],
    ['a start that is not a number', 2, () => batch(at('bad start.csv')), ['Row 2: “start” must be a number of seconds']],
    ['an unbalanced quote', 2, () => batch(at('broken quote.csv')), ['is not a CSV or JSON list of generations']],
    ['a batch list of 6 MB', 2, () => batch(at('huge.csv')), ['“huge.csv” is too large to be a batch list']],
  ];

  it('has at least 40 cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
  });

  it.each(cases)('%s: exit %i, said plainly, nothing sent, nothing written outside', async (_label, code, args, words) => {
    const before = fake.requests.length;
    const outside = (await filesUnder(sandbox)).filter((f) => !f.startsWith('project/'));
    const result = await runCli(args(), env);
    expect(result.code, result.stderr).toBe(code);
    for (const word of words) expect(result.stderr).toContain(word);
    // No stack trace, no internal name, no secret from a file that is not a batch list.
    expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+|failed unexpectedly|ENOENT|EEXIST|AKIA|SECRET/);
    expect(fake.requests.length - before).toBe(0);
    expect((await filesUnder(sandbox)).filter((f) => !f.startsWith('project/'))).toEqual(outside);
    // A refused generation leaves no record and no copied input in the project.
    expect(await readdir(join(project, 'generations')).catch(() => [])).toEqual([]);
    expect(await readdir(join(project, 'media')).catch(() => [])).toEqual([]);
  });
});
