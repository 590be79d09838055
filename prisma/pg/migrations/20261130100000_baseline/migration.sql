-- PostgreSQL baseline: every model as of the SQLite migrations up to 20261130090000_card_stale,
-- made with `prisma migrate diff --from-empty --to-schema prisma/pg/schema.prisma --script`
-- (README, PostgreSQL). Later changes are new migrations in this folder.
-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "Child" (
    "id" SERIAL NOT NULL,
    "localId" TEXT NOT NULL,
    "upn" TEXT,
    "upnIssue" TEXT,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "dateOfBirth" TEXT NOT NULL,
    "sex" TEXT,
    "legalStatus" TEXT,
    "lookedAfterSince" TEXT,
    "ceasedLookedAfter" TEXT,
    "placingAuthority" TEXT NOT NULL,
    "senStatus" TEXT NOT NULL DEFAULT 'none',
    "senSince" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "careStartKnown" BOOLEAN NOT NULL DEFAULT true,
    "ceasedReason" TEXT,

    CONSTRAINT "Child_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "School" (
    "id" SERIAL NOT NULL,
    "urn" TEXT NOT NULL,
    "laestab" TEXT,
    "name" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "localAuthority" TEXT NOT NULL,
    "outOfArea" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "School_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,
    "yearGroup" TEXT,

    CONSTRAINT "Enrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CarePlacement" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "placementType" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,
    "outOfArea" BOOLEAN NOT NULL DEFAULT false,
    "placementUrn" TEXT,

    CONSTRAINT "CarePlacement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Professional" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "aadObjectId" TEXT,
    "schoolId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Professional_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "professionalId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,

    CONSTRAINT "Allocation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Pep" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "meetingDate" TEXT,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "rag" TEXT,
    "ppPlusPence" INTEGER,
    "targets" TEXT,
    "attendees" TEXT,
    "childViews" TEXT,
    "submittedAt" TIMESTAMP(3),
    "qaById" INTEGER,
    "qaAt" TIMESTAMP(3),
    "qaCriteria" TEXT,
    "qaComment" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PepTarget" (
    "id" SERIAL NOT NULL,
    "pepId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "byDate" TEXT NOT NULL,
    "ppRequestedPence" INTEGER NOT NULL DEFAULT 0,
    "ppApprovedPence" INTEGER,

    CONSTRAINT "PepTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "childId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "schoolId" INTEGER,

    CONSTRAINT "AttendanceMark_pkey" PRIMARY KEY ("childId","date","session")
);

-- CreateTable
CREATE TABLE "Exclusion" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "schoolId" INTEGER,
    "kind" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "days" DOUBLE PRECISION NOT NULL,
    "sessions" INTEGER,
    "reason" TEXT,
    "recordedById" INTEGER,

    CONSTRAINT "Exclusion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PartTimeTimetable" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "schoolId" INTEGER,
    "startDate" TEXT NOT NULL,
    "plannedEndDate" TEXT NOT NULL,
    "reviewDate" TEXT NOT NULL,
    "endedOn" TEXT,
    "hoursPerWeek" DOUBLE PRECISION,
    "reason" TEXT,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PartTimeTimetable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SenChange" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SenChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CareReview" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "code" TEXT,
    "status" TEXT NOT NULL DEFAULT 'held',
    "bookedById" INTEGER,

    CONSTRAINT "CareReview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActionLog" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "professionalId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "followUpDate" TEXT,
    "source" TEXT NOT NULL DEFAULT 'api',

    CONSTRAINT "ActionLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" SERIAL NOT NULL,
    "childId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "details" TEXT NOT NULL DEFAULT '{}',
    "raisedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" TIMESTAMP(3),
    "answeredById" INTEGER,
    "answer" TEXT,
    "snoozedUntil" TEXT,
    "escalatedAt" TIMESTAMP(3),

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" SERIAL NOT NULL,
    "alertId" INTEGER NOT NULL,
    "professionalId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "activityId" TEXT,
    "conversationId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "postId" INTEGER,
    "forProfessionalId" INTEGER,
    "dueAt" TIMESTAMP(3),
    "cardStaleAt" TIMESTAMP(3),

    CONSTRAINT "AlertDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertPost" (
    "id" SERIAL NOT NULL,
    "professionalId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "alertId" INTEGER,
    "onBehalfOfId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "activityId" TEXT,
    "conversationId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "cardStaleAt" TIMESTAMP(3),

    CONSTRAINT "AlertPost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationReference" (
    "id" SERIAL NOT NULL,
    "professionalId" INTEGER,
    "aadObjectId" TEXT,
    "conversationId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'personal',
    "serviceUrl" TEXT NOT NULL,
    "tenantId" TEXT,
    "reference" TEXT NOT NULL,
    "usable" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConversationReference_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "childId" INTEGER,
    "channel" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'allowed',
    "prevHash" TEXT,
    "hash" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchoolCalendar" (
    "id" SERIAL NOT NULL,
    "laCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL,

    CONSTRAINT "SchoolCalendar_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BotState" (
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "eTag" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "BotState_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" SERIAL NOT NULL,
    "alertId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "professionalId" INTEGER,
    "action" TEXT NOT NULL,
    "detail" TEXT,

    CONSTRAINT "AlertEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Child_localId_key" ON "Child"("localId");

-- CreateIndex
CREATE INDEX "Child_lastName_firstName_idx" ON "Child"("lastName", "firstName");

-- CreateIndex
CREATE INDEX "Child_upn_idx" ON "Child"("upn");

-- CreateIndex
CREATE UNIQUE INDEX "School_urn_key" ON "School"("urn");

-- CreateIndex
CREATE INDEX "Enrolment_childId_fromDate_idx" ON "Enrolment"("childId", "fromDate");

-- CreateIndex
CREATE INDEX "Enrolment_schoolId_toDate_idx" ON "Enrolment"("schoolId", "toDate");

-- CreateIndex
CREATE INDEX "CarePlacement_childId_fromDate_idx" ON "CarePlacement"("childId", "fromDate");

-- CreateIndex
CREATE UNIQUE INDEX "Professional_email_key" ON "Professional"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Professional_aadObjectId_key" ON "Professional"("aadObjectId");

-- CreateIndex
CREATE INDEX "Professional_schoolId_idx" ON "Professional"("schoolId");

-- CreateIndex
CREATE INDEX "Allocation_professionalId_role_idx" ON "Allocation"("professionalId", "role");

-- CreateIndex
CREATE UNIQUE INDEX "Allocation_childId_professionalId_role_fromDate_key" ON "Allocation"("childId", "professionalId", "role", "fromDate");

-- CreateIndex
CREATE INDEX "Pep_dueDate_idx" ON "Pep"("dueDate");

-- CreateIndex
CREATE UNIQUE INDEX "Pep_childId_term_key" ON "Pep"("childId", "term");

-- CreateIndex
CREATE INDEX "PepTarget_pepId_idx" ON "PepTarget"("pepId");

-- CreateIndex
CREATE INDEX "AttendanceMark_date_idx" ON "AttendanceMark"("date");

-- CreateIndex
CREATE INDEX "Exclusion_childId_startDate_idx" ON "Exclusion"("childId", "startDate");

-- CreateIndex
CREATE UNIQUE INDEX "Exclusion_childId_kind_startDate_key" ON "Exclusion"("childId", "kind", "startDate");

-- CreateIndex
CREATE INDEX "PartTimeTimetable_childId_startDate_idx" ON "PartTimeTimetable"("childId", "startDate");

-- CreateIndex
CREATE INDEX "SenChange_childId_fromDate_idx" ON "SenChange"("childId", "fromDate");

-- CreateIndex
CREATE UNIQUE INDEX "CareReview_childId_date_key" ON "CareReview"("childId", "date");

-- CreateIndex
CREATE INDEX "ActionLog_childId_at_idx" ON "ActionLog"("childId", "at");

-- CreateIndex
CREATE INDEX "ActionLog_followUpDate_idx" ON "ActionLog"("followUpDate");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_dedupeKey_key" ON "Alert"("dedupeKey");

-- CreateIndex
CREATE INDEX "Alert_status_raisedAt_idx" ON "Alert"("status", "raisedAt");

-- CreateIndex
CREATE INDEX "Alert_childId_idx" ON "Alert"("childId");

-- CreateIndex
CREATE INDEX "AlertDelivery_status_idx" ON "AlertDelivery"("status");

-- CreateIndex
CREATE INDEX "AlertDelivery_postId_idx" ON "AlertDelivery"("postId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertDelivery_alertId_professionalId_key" ON "AlertDelivery"("alertId", "professionalId");

-- CreateIndex
CREATE UNIQUE INDEX "AlertPost_key_key" ON "AlertPost"("key");

-- CreateIndex
CREATE INDEX "AlertPost_status_idx" ON "AlertPost"("status");

-- CreateIndex
CREATE INDEX "AlertPost_alertId_idx" ON "AlertPost"("alertId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationReference_conversationId_key" ON "ConversationReference"("conversationId");

-- CreateIndex
CREATE INDEX "ConversationReference_aadObjectId_idx" ON "ConversationReference"("aadObjectId");

-- CreateIndex
CREATE INDEX "ConversationReference_professionalId_idx" ON "ConversationReference"("professionalId");

-- CreateIndex
CREATE INDEX "AuditEvent_childId_at_idx" ON "AuditEvent"("childId", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_at_idx" ON "AuditEvent"("actorId", "at");

-- CreateIndex
CREATE INDEX "SchoolCalendar_laCode_idx" ON "SchoolCalendar"("laCode");

-- CreateIndex
CREATE UNIQUE INDEX "SchoolCalendar_laCode_kind_startDate_key" ON "SchoolCalendar"("laCode", "kind", "startDate");

-- CreateIndex
CREATE INDEX "AlertEvent_alertId_at_idx" ON "AlertEvent"("alertId", "at");

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Enrolment" ADD CONSTRAINT "Enrolment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CarePlacement" ADD CONSTRAINT "CarePlacement_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Professional" ADD CONSTRAINT "Professional_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Allocation" ADD CONSTRAINT "Allocation_professionalId_fkey" FOREIGN KEY ("professionalId") REFERENCES "Professional"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pep" ADD CONSTRAINT "Pep_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PepTarget" ADD CONSTRAINT "PepTarget_pepId_fkey" FOREIGN KEY ("pepId") REFERENCES "Pep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AttendanceMark" ADD CONSTRAINT "AttendanceMark_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exclusion" ADD CONSTRAINT "Exclusion_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Exclusion" ADD CONSTRAINT "Exclusion_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartTimeTimetable" ADD CONSTRAINT "PartTimeTimetable_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PartTimeTimetable" ADD CONSTRAINT "PartTimeTimetable_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SenChange" ADD CONSTRAINT "SenChange_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CareReview" ADD CONSTRAINT "CareReview_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionLog" ADD CONSTRAINT "ActionLog_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionLog" ADD CONSTRAINT "ActionLog_professionalId_fkey" FOREIGN KEY ("professionalId") REFERENCES "Professional"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertDelivery" ADD CONSTRAINT "AlertDelivery_postId_fkey" FOREIGN KEY ("postId") REFERENCES "AlertPost"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertEvent" ADD CONSTRAINT "AlertEvent_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;

