-- CreateTable
CREATE TABLE "Child" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "School" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "urn" TEXT NOT NULL,
    "laestab" TEXT,
    "name" TEXT NOT NULL,
    "phase" TEXT NOT NULL,
    "localAuthority" TEXT NOT NULL,
    "outOfArea" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Enrolment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "schoolId" INTEGER NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,
    "yearGroup" TEXT,
    CONSTRAINT "Enrolment_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Enrolment_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CarePlacement" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "placementType" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,
    "outOfArea" BOOLEAN NOT NULL DEFAULT false,
    "placementUrn" TEXT,
    CONSTRAINT "CarePlacement_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Professional" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "aadObjectId" TEXT,
    "schoolId" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Professional_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Allocation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "professionalId" INTEGER NOT NULL,
    "role" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "toDate" TEXT,
    CONSTRAINT "Allocation_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Allocation_professionalId_fkey" FOREIGN KEY ("professionalId") REFERENCES "Professional" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Pep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "dueDate" TEXT NOT NULL,
    "meetingDate" TEXT,
    "status" TEXT NOT NULL DEFAULT 'not_started',
    "rag" TEXT,
    "ppPlusPence" INTEGER,
    "targets" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Pep_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AttendanceMark" (
    "childId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "session" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "schoolId" INTEGER,

    PRIMARY KEY ("childId", "date", "session"),
    CONSTRAINT "AttendanceMark_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Exclusion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "schoolId" INTEGER,
    "kind" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "days" REAL NOT NULL,
    "reason" TEXT,
    CONSTRAINT "Exclusion_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Exclusion_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CareReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "code" TEXT,
    CONSTRAINT "CareReview_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ActionLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "professionalId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT NOT NULL,
    "category" TEXT NOT NULL,
    "followUpDate" TEXT,
    "source" TEXT NOT NULL DEFAULT 'api',
    CONSTRAINT "ActionLog_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ActionLog_professionalId_fkey" FOREIGN KEY ("professionalId") REFERENCES "Professional" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "period" TEXT NOT NULL,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "details" TEXT NOT NULL DEFAULT '{}',
    "raisedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answeredAt" DATETIME,
    "answeredById" INTEGER,
    "answer" TEXT,
    "snoozedUntil" TEXT,
    "escalatedAt" DATETIME,
    CONSTRAINT "Alert_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "alertId" INTEGER NOT NULL,
    "professionalId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "activityId" TEXT,
    "conversationId" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AlertDelivery_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ConversationReference" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "professionalId" INTEGER,
    "aadObjectId" TEXT,
    "conversationId" TEXT NOT NULL,
    "scope" TEXT NOT NULL DEFAULT 'personal',
    "serviceUrl" TEXT NOT NULL,
    "tenantId" TEXT,
    "reference" TEXT NOT NULL,
    "usable" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "actorRole" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "childId" INTEGER,
    "channel" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT 'allowed'
);

-- CreateTable
CREATE TABLE "SchoolCalendar" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "laCode" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "startDate" TEXT NOT NULL,
    "endDate" TEXT NOT NULL
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
CREATE INDEX "AttendanceMark_date_idx" ON "AttendanceMark"("date");

-- CreateIndex
CREATE INDEX "Exclusion_childId_startDate_idx" ON "Exclusion"("childId", "startDate");

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
CREATE UNIQUE INDEX "AlertDelivery_alertId_professionalId_key" ON "AlertDelivery"("alertId", "professionalId");

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

