// Who may do what (issue 18): the chair and the secretariat prepare the meeting and run the
// rounds; only the chair releases a result; members vote (a chair who is a council member too
// votes through the member the account is linked to). One table, so a test tries every action
// with every role.
export const ROLES = ['voorzitter', 'secretariaat', 'raadslid'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, string> = {
  voorzitter: 'voorzitter',
  secretariaat: 'secretariaatsmedewerker',
  raadslid: 'raadslid',
};

export const PERMISSIONS = {
  'meeting.prepare': ['voorzitter', 'secretariaat'],
  'round.control': ['voorzitter', 'secretariaat'],
  'round.release': ['voorzitter'],
  'meeting.export': ['voorzitter', 'secretariaat'],
  'audit.view': ['voorzitter', 'secretariaat'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

/** The person behind a request. */
export interface Actor {
  username: string;
  name: string;
  role: Role;
  /** The council member this account votes as, if any. */
  memberId: string | null;
}

export const can = (actor: Actor, action: Action): boolean => (PERMISSIONS[action] as readonly Role[]).includes(actor.role);
