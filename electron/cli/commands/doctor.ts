import type { DoctorCheck, DoctorReport } from '../../../shared/doctor.ts';
import { parseCommand } from '../cli-args.ts';
import { createCliContext } from '../cli-context.ts';
import { EXIT, type CliIo } from '../cli-io.ts';

/** `doctor [--json]`: the setup and the account, checked for free; exit 0 when every required check passed. */
export async function doctorCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const { values } = parseCommand(argv, { json: { type: 'boolean' } } as const, { min: 0, max: 0, names: 'no positional arguments' });
  const ctx = await createCliContext(io.env, { needsKey: false, demo: io.demo });
  let report: DoctorReport;
  try {
    report = await ctx.doctor();
  } finally {
    await ctx.close();
  }
  io.stdout(values.json ? `${JSON.stringify(report)}\n` : table(report));
  return report.ok ? EXIT.ok : EXIT.failed;
}

function verdict(check: DoctorCheck): string {
  if (!check.ok) return 'FAIL';
  return check.warning ? 'note' : 'ok';
}

/** One line per check: id, verdict, what was found (wrapped under its column). */
function table(report: DoctorReport): string {
  const idWidth = Math.max(...report.checks.map((c) => c.id.length));
  const lines = report.checks.map((c) => `${c.id.padEnd(idWidth)}  ${verdict(c).padEnd(4)}  ${c.detail}`);
  const summary = report.ok ? 'Everything Avatar Studio needs works.' : 'Something needs fixing (FAIL above). Nothing billable was sent.';
  return `${lines.join('\n')}\n\n${summary}\n`;
}
