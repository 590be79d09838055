/**
 * The child record each role sees. A designated teacher needs the child's schooling and
 * who to talk to, not their care: no placement history, no legal status or how care
 * ended, and no e-mail addresses of the other professionals around the child (their
 * names and roles stay, so the DT knows whom to ask through the Virtual School).
 */
import type { Actor } from "../access/roles.js";

type Allocated = { role: string; professional: { id: number; name: string; email: string } };
type Record = {
  placements?: unknown;
  legalStatus?: string | null;
  ceasedReason?: string | null;
  allocations: Allocated[];
};

/** What a DT gets of a child record; others see it whole. */
export function childRecordFor<R extends Record>(actor: Pick<Actor, "id" | "role">, record: R) {
  if (actor.role !== "designated_teacher") return record;
  const { placements: _placements, legalStatus: _legal, ceasedReason: _ceased, allocations, ...rest } = record;
  return {
    ...rest,
    allocations: allocations.map(({ role, professional: { id, name, email } }) => ({
      role,
      professional: id === actor.id ? { id, name, email } : { id, name },
    })),
  };
}
