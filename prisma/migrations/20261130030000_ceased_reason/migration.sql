-- Why the last period of care ended (SSDA903 REC): an adopted child, or one under a special
-- guardianship or child arrangements order, is previously looked after; a child who
-- returned home is not.
ALTER TABLE "Child" ADD COLUMN "ceasedReason" TEXT;
