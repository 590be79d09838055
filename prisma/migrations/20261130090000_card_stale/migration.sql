-- A card whose alert changed (an answer) is marked until its update lands, so an update
-- queued while Redis was away is found and queued again by the reconciler.
ALTER TABLE "AlertDelivery" ADD COLUMN "cardStaleAt" DATETIME;
ALTER TABLE "AlertPost" ADD COLUMN "cardStaleAt" DATETIME;
