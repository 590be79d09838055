/**
 * What a post's card shows, read in one go: a digest's alerts (one row each, with the
 * child's name, the alert's latest event and, for a copy rerouted to the Virtual School,
 * whose it was), who asked the school, and the recipient's Teams user id for the card's refresh. System use
 * (the deliver job); a person's read goes through alert.service.ts digestFor, which checks
 * the post is theirs and audits it.
 */
import type { Db } from "../platform/db.js";

export async function loadPost(db: Db, postId: number) {
  const post = await db.alertPost.findUnique({
    where: { id: postId },
    include: {
      deliveries: {
        select: {
          forProfessionalId: true,
          alert: {
            select: {
              id: true,
              childId: true,
              rule: true,
              severity: true,
              status: true,
              period: true,
              snoozedUntil: true,
              raisedAt: true,
              child: { select: { firstName: true, lastName: true } },
              events: {
                orderBy: [{ at: "desc" }, { id: "desc" }],
                take: 1,
                select: { action: true, detail: true, professionalId: true },
              },
            },
          },
        },
      },
    },
  });
  if (!post) return null;
  const alerts = post.deliveries.map((d) => ({ ...d.alert, forProfessionalId: d.forProfessionalId }));
  const peopleIds = [
    ...new Set([
      ...(post.onBehalfOfId === null ? [] : [post.onBehalfOfId]),
      ...alerts.flatMap((a) => (a.forProfessionalId === null ? [] : [a.forProfessionalId])),
      ...alerts.flatMap((a) => a.events.flatMap((e) => (e.professionalId === null ? [] : [e.professionalId]))),
    ]),
  ];
  const [people, reference] = await Promise.all([
    db.professional.findMany({ where: { id: { in: peopleIds } }, select: { id: true, name: true, role: true } }),
    db.conversationReference.findFirst({
      where: { professionalId: post.professionalId, usable: true, scope: "personal" },
      orderBy: { updatedAt: "desc" },
    }),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  const teamsUserId = reference ? (JSON.parse(reference.reference) as { user?: { id?: string } }).user?.id : undefined;
  return {
    id: post.id,
    kind: post.kind,
    professionalId: post.professionalId,
    alertId: post.alertId,
    createdAt: post.createdAt,
    onBehalfOf: post.onBehalfOfId === null ? null : (person.get(post.onBehalfOfId) ?? null),
    alerts: alerts.map(({ events, forProfessionalId, ...alert }) => {
      const last = events[0];
      return {
        ...alert,
        /** A copy rerouted to the Virtual School: whose it was. */
        forWhom: forProfessionalId === null ? null : (person.get(forProfessionalId) ?? null),
        last: last
          ? {
              action: last.action,
              detail: last.detail,
              by: last.professionalId === null ? null : (person.get(last.professionalId)?.name ?? null),
            }
          : null,
      };
    }),
    teamsUserIds: teamsUserId ? [teamsUserId] : [],
  };
}
export type PostForCard = NonNullable<Awaited<ReturnType<typeof loadPost>>>;
