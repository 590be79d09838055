-- When a delivery is due: a follow-up reminder waits for the morning of its follow-up date
-- (the queue delays its job; the deliver job and the reconciler never send it earlier).
-- Null: due at once, as every other alert's copy.
ALTER TABLE "AlertDelivery" ADD COLUMN "dueAt" DATETIME;
