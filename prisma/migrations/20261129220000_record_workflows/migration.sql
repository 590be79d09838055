-- AlterTable
ALTER TABLE "Child" ADD COLUMN "senSince" TEXT;

-- AlterTable
ALTER TABLE "Exclusion" ADD COLUMN "recordedById" INTEGER;
ALTER TABLE "Exclusion" ADD COLUMN "sessions" INTEGER;

-- AlterTable
ALTER TABLE "Pep" ADD COLUMN "attendees" TEXT;
ALTER TABLE "Pep" ADD COLUMN "childViews" TEXT;
ALTER TABLE "Pep" ADD COLUMN "qaAt" DATETIME;
ALTER TABLE "Pep" ADD COLUMN "qaById" INTEGER;
ALTER TABLE "Pep" ADD COLUMN "qaComment" TEXT;
ALTER TABLE "Pep" ADD COLUMN "qaCriteria" TEXT;
ALTER TABLE "Pep" ADD COLUMN "submittedAt" DATETIME;

-- CreateTable
CREATE TABLE "PepTarget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "pepId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "owner" TEXT NOT NULL,
    "byDate" TEXT NOT NULL,
    "ppRequestedPence" INTEGER NOT NULL DEFAULT 0,
    "ppApprovedPence" INTEGER,
    CONSTRAINT "PepTarget_pepId_fkey" FOREIGN KEY ("pepId") REFERENCES "Pep" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PartTimeTimetable" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "schoolId" INTEGER,
    "startDate" TEXT NOT NULL,
    "plannedEndDate" TEXT NOT NULL,
    "reviewDate" TEXT NOT NULL,
    "endedOn" TEXT,
    "hoursPerWeek" REAL,
    "reason" TEXT,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "PartTimeTimetable_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PartTimeTimetable_schoolId_fkey" FOREIGN KEY ("schoolId") REFERENCES "School" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SenChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "fromDate" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SenChange_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CareReview" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "childId" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "code" TEXT,
    "status" TEXT NOT NULL DEFAULT 'held',
    "bookedById" INTEGER,
    CONSTRAINT "CareReview_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_CareReview" ("childId", "code", "date", "id") SELECT "childId", "code", "date", "id" FROM "CareReview";
DROP TABLE "CareReview";
ALTER TABLE "new_CareReview" RENAME TO "CareReview";
CREATE UNIQUE INDEX "CareReview_childId_date_key" ON "CareReview"("childId", "date");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "PepTarget_pepId_idx" ON "PepTarget"("pepId");

-- CreateIndex
CREATE INDEX "PartTimeTimetable_childId_startDate_idx" ON "PartTimeTimetable"("childId", "startDate");

-- CreateIndex
CREATE INDEX "SenChange_childId_fromDate_idx" ON "SenChange"("childId", "fromDate");

-- CreateIndex
CREATE UNIQUE INDEX "Exclusion_childId_kind_startDate_key" ON "Exclusion"("childId", "kind", "startDate");

