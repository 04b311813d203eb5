/** The commands `oc` has on top of kubectl's. */
import type { Command } from '../command';
import { buildLogs, cancelBuild, startBuild } from './builds';
import { expose } from './expose';
import { importImage, tag } from './images';
import { login, logout } from './login';
import { newApp } from './new-app';
import { newBuild } from './new-build';
import { policy } from './policy';
import { newProject, project, projects, whoami } from './projects';
import { rollout } from './rollout';
import { status } from './status';
import { processCommand } from './templates';

export const OC_COMMANDS: Command[] = [
  newProject,
  project,
  projects,
  whoami,
  login,
  logout,
  startBuild,
  cancelBuild,
  buildLogs,
  tag,
  importImage,
  expose,
  newApp,
  newBuild,
  status,
  processCommand,
  rollout,
  policy,
];
