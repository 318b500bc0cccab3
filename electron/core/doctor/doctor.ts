import type { DoctorCheck, DoctorReport } from '../../../shared/doctor.ts';
import type { Env } from '../media/ffmpeg-locator.ts';
import { accountChecks, type AccountCheckDeps } from './account-checks.ts';
import { folderCheck, toolChecks } from './local-checks.ts';

export interface DoctorDeps extends AccountCheckDeps {
  env: Env;
  appDataDir: string;
  projectsRoot: () => string;
}

/**
 * Checks the setup and the Runware account without spending anything: the tools, the
 * folders, the key, the endpoint and the behaviours the docs leave open (DESIGN.md,
 * docs/runware-assumptions.md). What it learns about the endpoint is stored with the
 * client's findings, so the queue uses it. `ok` is false when a required check failed;
 * warnings (ffprobe missing, batched polls refused, a skewed clock) keep it true.
 */
export async function runDoctor(deps: DoctorDeps): Promise<DoctorReport> {
  const [tools, projects, appData, account] = await Promise.all([
    toolChecks(deps.env),
    folderCheck('projects-folder', deps.projectsRoot()),
    folderCheck('app-data', deps.appDataDir),
    accountChecks(deps),
  ]);
  const checks: DoctorCheck[] = [...tools, projects, appData, ...account];
  return { ok: checks.every((c) => c.ok), checks };
}
