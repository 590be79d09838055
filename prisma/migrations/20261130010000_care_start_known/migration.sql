-- A period of care that began before the records (an SSDA903 file whose first episode
-- continues a period) has no known start: lookedAfterSince is then "on or before".
ALTER TABLE "Child" ADD COLUMN "careStartKnown" BOOLEAN NOT NULL DEFAULT true;
