-- Name search (the bot's "status Jordan", the API's ?q=) is ILIKE '%word%' on the first and
-- last names: trigram indexes let PostgreSQL answer it without reading every child.
-- pg_trgm ships with PostgreSQL and is a trusted extension (13+): a database owner may create it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- fastupdate off: a new child goes straight into the index, not into a pending list that
-- the planner counts against the index until a VACUUM (children are written rarely; names
-- are searched on every "status <name>").
CREATE INDEX "Child_firstName_trgm_idx" ON "Child" USING GIN ("firstName" gin_trgm_ops) WITH (fastupdate = off);

CREATE INDEX "Child_lastName_trgm_idx" ON "Child" USING GIN ("lastName" gin_trgm_ops) WITH (fastupdate = off);
