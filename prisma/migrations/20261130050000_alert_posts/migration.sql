-- A card about alerts that is not one alert's own copy: a scan's digest, or an alert put to the school.
CREATE TABLE "AlertPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
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
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE UNIQUE INDEX "AlertPost_key_key" ON "AlertPost"("key");
CREATE INDEX "AlertPost_status_idx" ON "AlertPost"("status");
CREATE INDEX "AlertPost_alertId_idx" ON "AlertPost"("alertId");

-- The digest a delivery was sent inside (null: its own card).
ALTER TABLE "AlertDelivery" ADD COLUMN "postId" INTEGER REFERENCES "AlertPost" ("id") ON DELETE SET NULL ON UPDATE CASCADE;
CREATE INDEX "AlertDelivery_postId_idx" ON "AlertDelivery"("postId");

-- A copy rerouted to the Virtual School: whose it was.
ALTER TABLE "AlertDelivery" ADD COLUMN "forProfessionalId" INTEGER;
