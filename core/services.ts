/**
 * The one composition root: every service the API, the bot and the jobs use, built
 * from the same few parts. Tests build it with a temp database and a fixed clock.
 */

import { createAuditLog } from "./access/audit.js";
import type { Actor } from "./access/roles.js";
import { rememberVerified } from "./access/token-cache.js";
import { type TokenVerifier, tokenVerifierFor } from "./access/tokens.js";
import { createActionLogService } from "./actions/action-log.service.js";
import { createAlertService } from "./alerts/alert.service.js";
import { createAlertAnswers } from "./alerts/answers.js";
import type { AlertQueue } from "./alerts/queue.port.js";
import { createCalendarRepo } from "./calendar/calendar.repo.js";
import { createChildService } from "./children/child.service.js";
import { childTeam } from "./children/team.js";
import { createPepService } from "./peps/pep.service.js";
import type { Clock } from "./platform/clock.js";
import type { Config } from "./platform/config.js";
import type { Db } from "./platform/db.js";
import { createProfessionalService } from "./professionals/professional.service.js";
import { createExclusionService } from "./records/exclusion.service.js";
import { createPlaceService } from "./records/place.service.js";
import { createReviewService } from "./records/review.service.js";
import { createSchoolService } from "./schools/school.service.js";
import { createStatsService } from "./stats/stats.service.js";

export type ServiceDeps = {
  db: Db;
  config: Config;
  clock: Clock;
  /** Where alert deliveries and card updates are queued (BullMQ in jobs/queues.ts). */
  queue: AlertQueue;
  verifyToken?: TokenVerifier;
};

export function createServices({ db, config, clock, queue, verifyToken }: ServiceDeps) {
  const calendars = createCalendarRepo(db, config.AUTHORITY_LA_CODE);
  // One audit log for every service: reads' rows are appended cheaply through the SQL layer (audit-writer.ts, audit-appender.ts).
  const audit = createAuditLog(db, { deadlineMs: config.DATABASE_BUSY_WAIT_MS });
  const deps = { db, clock, calendars, policy: config.policy, homeLaCode: config.AUTHORITY_LA_CODE, audit };
  const children = createChildService(deps);
  const actions = createActionLogService(db, clock, children, audit);
  const recordDeps = { db, clock, calendars, policy: config.policy, queue, audit };
  const peps = createPepService(recordDeps);
  return {
    db,
    clock,
    config,
    calendars,
    /** Who read or changed which child (ids only), chained; refusals the API or the bot made. */
    audit,
    /** Bearer tokens: verified once, then remembered until they expire (token-cache.ts). */
    verifyToken: rememberVerified(verifyToken ?? tokenVerifierFor(config)),
    professionals: createProfessionalService(db),
    schools: createSchoolService(db),
    children,
    /** The team around a child (school, DTs, allocated professionals): scoped and audited. */
    team: (actor: Actor, childId: number) => childTeam({ db, clock, audit }, actor, childId),
    actions,
    queue,
    stats: createStatsService(deps),
    peps,
    reviews: createReviewService(recordDeps),
    exclusions: createExclusionService(recordDeps),
    places: createPlaceService(recordDeps),
    alerts: createAlertService(db, clock, audit),
    answers: createAlertAnswers({ db, clock, calendars, actions, queue, peps, policy: config.policy, audit }),
  };
}
export type Services = ReturnType<typeof createServices>;
