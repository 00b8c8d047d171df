-- Images from the room's asset folder (<dataDir>/assets/<roomId>/) attached to a draft,
-- as a JSON array of file names; the service checks each name against the folder on save.
ALTER TABLE drafts ADD COLUMN media TEXT NOT NULL DEFAULT '[]';
