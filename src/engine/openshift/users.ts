/**
 * The lab cluster's identity provider (engine service 'openshift-users'): an htpasswd-style list of users
 * `oc login` checks passwords against, and the OAuth tokens it hands out. `kubeadmin` logs in as the
 * cluster admin `kube:admin` (group system:cluster-admins); `developer` is an ordinary user who can only
 * create projects and work in the ones they have a role in. Lessons can add users.
 */
import type { UserInfo } from '../api/apiserver';
import type { Rng } from '../sim/rng';

/** The installer's kubeadmin password for the lab cluster (printed by the installer, in the docs). */
export const KUBEADMIN_PASSWORD = 'kDojo-Lab5k-Adm1n-0penS';

export interface LabUser {
  /** What `oc login -u` takes. */
  login: string;
  password: string;
  /** The identity the API sees (`kube:admin` for kubeadmin). */
  user: UserInfo;
}

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

export class OpenShiftUsers {
  private readonly users = new Map<string, LabUser>();
  private readonly tokens = new Map<string, string>();

  constructor() {
    this.add('kubeadmin', KUBEADMIN_PASSWORD, ['system:cluster-admins'], 'kube:admin');
    this.add('developer', 'developer');
  }

  /** Add (or replace) a user; every user is also in system:authenticated(:oauth). */
  add(login: string, password: string, groups: string[] = [], username = login): LabUser {
    const u: LabUser = {
      login,
      password,
      user: { username, groups: [...groups, 'system:authenticated:oauth', 'system:authenticated'] },
    };
    this.users.set(login, u);
    return u;
  }

  get(login: string): LabUser | undefined {
    return this.users.get(login);
  }

  /** The user for a correct password, else undefined (a 401). */
  authenticate(login: string, password: string): LabUser | undefined {
    const u = this.users.get(login);
    return u && u.password === password ? u : undefined;
  }

  /** A new OAuth access token (`sha256~...`) for the user, drawn from the caller's random stream. */
  issueToken(login: string, rng: Rng): string {
    const t = `sha256~${rng.string(43, TOKEN_CHARS)}`;
    this.tokens.set(t, login);
    return t;
  }

  /** The user a token belongs to (undefined once revoked by `oc logout`). */
  tokenUser(token: string): LabUser | undefined {
    const login = this.tokens.get(token);
    return login ? this.users.get(login) : undefined;
  }

  revoke(token: string): void {
    this.tokens.delete(token);
  }
}

/** Cluster admins: kubeadm's system:masters and OpenShift's system:cluster-admins. */
export function isClusterAdmin(user: UserInfo | undefined): boolean {
  return !user || user.groups.some((g) => g === 'system:masters' || g === 'system:cluster-admins');
}
